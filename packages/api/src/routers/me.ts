import { getMe } from "../services/profile-service";
import { authedProcedure, router } from "../trpc";

export const meRouter = router({
  get: authedProcedure.query(({ ctx }) => getMe(ctx.db, ctx.user, ctx.now())),
});
