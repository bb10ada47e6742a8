import { myRecordSchema } from "@mm/domain";
import { myRecordDisclosures } from "../services/disclosure-service";
import { patientProcedure, router } from "../trpc";

export const auditRouter = router({
  /** Accounting of disclosures: who viewed or changed my record. Patients only. */
  myRecord: patientProcedure
    .input(myRecordSchema)
    .query(({ ctx, input }) => myRecordDisclosures(ctx.db, ctx.user, input)),
});
