import { fileUploadSchema, invalidField, notFound, superbillQuerySchema } from "@mm/domain";
import { z } from "zod";
import type { Context, SessionUser } from "../context";
import { audit } from "../services/audit";
import { verifyPrescription } from "../services/prescription-service";
import { loadLetterDocument, loadPrescriptionDocument } from "./document-queries";
import { readFile, type UploadInput, uploadFile } from "./file-service";
import { postgresFileStore } from "./file-store";
import { letterPdf } from "./letter-pdf";
import { PAPER_SIZES, type PaperSize, renderPdf } from "./pdf";
import { prescriptionPdf } from "./prescription-pdf";
import { superbillPdf } from "./superbill-pdf";
import { superbillData } from "./superbill-service";

/** A file for the HTTP layer to send with Content-Disposition and no-store. */
export type Download = { bytes: Uint8Array; filename: string; contentType: string };

export type SignedIn = Context & { user: SessionUser };

/** The configured store for uploads' bytes; PostgreSQL by default. */
export const storeOf = (ctx: Context) => ctx.fileStore ?? postgresFileStore;

const uuid = z.uuid();
/** A malformed id is simply not found (it never names a record, and must not reach the database as a 500). */
function idOrNotFound(id: string, what: string): string {
  if (!uuid.safeParse(id).success) throw notFound(what);
  return id;
}

/** A prescription's PDF for a party of its referral (not audited: the callers audit). */
export async function renderPrescription(ctx: SignedIn, prescriptionId: string, origin: string) {
  const d = await loadPrescriptionDocument(ctx.db, ctx.user, idOrNotFound(prescriptionId, "prescription"));
  const verifyUrl = `${origin}/documents/prescriptions/${d.rx.id}/verify`;
  const bytes = await renderPdf(prescriptionPdf(d, verifyUrl, ctx.now()));
  const download: Download = {
    bytes,
    filename: `prescription-${d.rx.id}.pdf`,
    contentType: "application/pdf",
  };
  return { download, referralId: d.rx.referralId, id: d.rx.id };
}

/** GET /documents/prescriptions/<id>.pdf: the referral's parties only, audit-logged. */
export async function prescriptionDownload(
  ctx: SignedIn,
  prescriptionId: string,
  origin: string,
): Promise<Download> {
  const out = await renderPrescription(ctx, prescriptionId, origin);
  await audit(ctx.db, ctx.user, {
    action: "document.prescription_pdf",
    referralId: out.referralId,
    entity: "prescription",
    entityId: out.id,
  });
  return out.download;
}

/** The verification link on a printed prescription: the stored hash against the recomputed one. */
export const prescriptionVerification = (ctx: SignedIn, prescriptionId: string) =>
  verifyPrescription(ctx.db, ctx.user, idOrNotFound(prescriptionId, "prescription"));

/** `?paper=`: Letter by default; anything else must be a listed size (BAD_REQUEST naming the field). */
function paperSize(value: string | undefined): PaperSize {
  if (value === undefined || value === "") return "LETTER";
  const upper = value.toUpperCase();
  if (!(PAPER_SIZES as readonly string[]).includes(upper)) {
    throw invalidField("paper", `paper must be one of ${PAPER_SIZES.join(", ")}`);
  }
  return upper as PaperSize;
}

/** A signed letter's PDF for a party of its referral (not audited: the callers audit). */
export async function renderLetter(ctx: SignedIn, letterId: string, paper?: string) {
  const size = paperSize(paper);
  const d = await loadLetterDocument(ctx.db, ctx.user, idOrNotFound(letterId, "letter"));
  const bytes = await renderPdf(letterPdf(d, ctx.now(), size));
  const download: Download = {
    bytes,
    filename: `letter-of-medical-necessity-${d.letter.id}-v${d.letter.version}.pdf`,
    contentType: "application/pdf",
  };
  return { download, referralId: d.letter.referralId, id: d.letter.id };
}

/** GET /documents/letters/<id>.pdf: the referral's parties only, audit-logged. */
export async function letterDownload(ctx: SignedIn, letterId: string, paper?: string): Promise<Download> {
  const out = await renderLetter(ctx, letterId, paper);
  await audit(ctx.db, ctx.user, {
    action: "document.letter_pdf",
    referralId: out.referralId,
    entity: "letter",
    entityId: out.id,
  });
  return out.download;
}

/** GET /documents/superbill.pdf?referralId=&from=&to=: the parties of the referral, audit-logged. */
export async function superbillDownload(
  ctx: SignedIn,
  query: Record<string, string | undefined>,
): Promise<Download> {
  const q = superbillQuerySchema.parse(query);
  const d = await superbillData(ctx.db, ctx.user, q);
  const bytes = await renderPdf(superbillPdf(d, ctx.now()));
  return { bytes, filename: `superbill-${q.from}-to-${q.to}.pdf`, contentType: "application/pdf" };
}

/** POST /files: multipart `referralId` + `file`; a malformed referralId is BAD_REQUEST naming it. */
export async function fileUpload(ctx: SignedIn, input: { referralId: unknown; file: UploadInput["file"] }) {
  const { referralId } = fileUploadSchema.parse({ referralId: input.referralId });
  return uploadFile(ctx.db, storeOf(ctx), ctx.user, { referralId, file: input.file });
}

/** GET /files/<id>: the referral's parties only, audit-logged, always as an attachment of its detected type. */
export async function fileDownload(ctx: SignedIn, fileId: string): Promise<Download> {
  const f = await readFile(ctx.db, storeOf(ctx), ctx.user, idOrNotFound(fileId, "file"));
  return { bytes: f.bytes, filename: f.name, contentType: f.mediaType };
}
