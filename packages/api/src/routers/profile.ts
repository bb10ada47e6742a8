import { assertClockRule, profileUpdateClockRule, profileUpdateSchema } from "@mm/domain";
import { updateProfile } from "../services/profile-service";
import { authedProcedure, router } from "../trpc";

export const profileRouter = router({
  update: authedProcedure.input(profileUpdateSchema).mutation(({ ctx, input }) => {
    const now = ctx.now();
    assertClockRule(profileUpdateClockRule, input, { now });
    return updateProfile(ctx.db, ctx.user, input, now);
  }),
});
