import { fileUploadSchema } from "@mm/domain";
import { listFiles } from "../documents/file-service";
import { authedProcedure, router } from "../trpc";

/** Files attached to a referral. Upload and download are HTTP routes (POST /files, GET /files/<id>). */
export const fileRouter = router({
  list: authedProcedure
    .input(fileUploadSchema)
    .query(({ ctx, input }) => listFiles(ctx.db, ctx.user, input.referralId)),
});
