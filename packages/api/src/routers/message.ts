import { messagePostSchema } from "@mm/domain";
import { postMessage } from "../services/referral-service";
import { authedProcedure, router } from "../trpc";

export const messageRouter = router({
  post: authedProcedure
    .input(messagePostSchema)
    .mutation(({ ctx, input }) => postMessage(ctx.db, ctx.user, input)),
});
