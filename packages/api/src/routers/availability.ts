import { availabilitySetSchema } from "@mm/domain";
import { getAvailability, setAvailability } from "../services/appointment-service";
import { router, therapistProcedure } from "../trpc";

export const availabilityRouter = router({
  get: therapistProcedure.query(({ ctx }) => getAvailability(ctx.db, ctx.user)),
  set: therapistProcedure
    .input(availabilitySetSchema)
    .mutation(({ ctx, input }) => setAvailability(ctx.db, ctx.user, input)),
});
