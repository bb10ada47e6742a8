import { feeSetSchema } from "@mm/domain";
import { getFees, setFees } from "../documents/superbill-service";
import { router, therapistProcedure } from "../trpc";

/** The therapist's fee per CPT unit, printed on superbills. */
export const feeRouter = router({
  get: therapistProcedure.query(({ ctx }) => getFees(ctx.db, ctx.user)),
  set: therapistProcedure.input(feeSetSchema).mutation(({ ctx, input }) => setFees(ctx.db, ctx.user, input)),
});
