import { profileUpdateSchema } from "@mm/domain";
import { updateProfile } from "../services/profile-service";
import { authedProcedure, router } from "../trpc";

export const profileRouter = router({
  update: authedProcedure
    .input(profileUpdateSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.user, input, ctx.now())),
});
