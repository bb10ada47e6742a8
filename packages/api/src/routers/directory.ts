import { directoryPhysiciansSchema, directoryTherapistsSchema } from "@mm/domain";
import { listPhysicians, listTherapistRows } from "../services/directory-service";
import { authedProcedure, router } from "../trpc";

export const directoryRouter = router({
  physicians: authedProcedure
    .input(directoryPhysiciansSchema)
    .query(({ ctx, input }) => listPhysicians(ctx.db, input)),
  therapists: authedProcedure
    .input(directoryTherapistsSchema)
    .query(({ ctx, input }) => listTherapistRows(ctx.db, input)),
});
