import { directoryPhysiciansSchema, directoryTherapistsSchema } from "@mm/domain";
import { listPhysicians, listTherapistRows } from "../services/directory-service";
import { therapistsForReferral } from "../services/therapist-choice-service";
import { authedProcedure, router } from "../trpc";

export const directoryRouter = router({
  physicians: authedProcedure
    .input(directoryPhysiciansSchema)
    .query(({ ctx, input }) => listPhysicians(ctx.db, input)),
  therapists: authedProcedure.input(directoryTherapistsSchema).query(async ({ ctx, input }) => {
    const { referralId, ...filter } = input;
    if (referralId) return therapistsForReferral(ctx.db, ctx.user, { ...filter, referralId }, ctx.now());
    return (await listTherapistRows(ctx.db, filter)).map((t) => ({
      ...t,
      eligible: null,
      reasons: [],
      reasonCodes: [],
    }));
  }),
});
