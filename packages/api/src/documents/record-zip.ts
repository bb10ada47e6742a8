import { type Zippable, zipSync } from "fflate";
import { audit } from "../services/audit";
import { type Download, renderLetter, renderPrescription, type SignedIn, storeOf } from "./downloads";
import { patientRecord } from "./fhir-service";
import { fileWithBytes } from "./file-service";

// PDFs and images are compressed already: stored as they are; only the JSON is deflated.
const STORED = { level: 0 } as const;

/**
 * GET /documents/patients/<id>/record.zip: the whole record in one file, the FHIR R4 Bundle (`record.fhir.json`)
 * beside every signed prescription and letter as PDF and every uploaded file, for the patient (all referrals) or a
 * clinician (the referrals they are on). Nothing visible: NOT_FOUND. One audit row per referral it contains.
 */
export async function recordZip(ctx: SignedIn, patientId: string, origin: string): Promise<Download> {
  const now = ctx.now();
  const { episodes, bundle } = await patientRecord(ctx.db, ctx.user, patientId, `${origin}/fhir/R4`, now);
  const entries: Zippable = {
    "record.fhir.json": [new TextEncoder().encode(JSON.stringify(bundle, null, 2)), { level: 6 }],
  };
  for (const e of episodes) {
    for (const rx of e.prescriptions) {
      const { download } = await renderPrescription(ctx, rx.id, origin);
      entries[`prescriptions/${download.filename}`] = [download.bytes, STORED];
    }
    for (const l of e.letters) {
      const { download } = await renderLetter(ctx, l.id);
      entries[`letters/${download.filename}`] = [download.bytes, STORED];
    }
    for (const f of e.files) {
      const file = await fileWithBytes(ctx.db, storeOf(ctx), ctx.user, f.id);
      // The id keeps two files of the same name apart; the name is already a safe display name.
      entries[`files/${f.id.slice(0, 8)}-${file.name}`] = [file.bytes, STORED];
    }
  }
  const bytes = zipSync(entries, { mtime: now });
  await audit(
    ctx.db,
    ctx.user,
    episodes.map((e) => ({
      action: "document.record_zip",
      referralId: e.referral.id,
      entity: "patient",
      entityId: patientId,
    })),
  );
  return {
    bytes,
    filename: `medical-record-${now.toISOString().slice(0, 10)}.zip`,
    contentType: "application/zip",
  };
}
