import { createHash } from "node:crypto";
import { type Db, uploadedFile } from "@mm/db";
import { assertUploadable, invalidField, uploadDisplayName } from "@mm/domain";
import { fileTypeFromBuffer } from "file-type";
import type { SessionUser } from "../context";
import { audit } from "../services/audit";
import { iso } from "../services/dates";
import { loadReferral } from "../services/referral-access";
import { filesOf, loadFile } from "./document-queries";

export type UploadInput = { referralId: string; file: { name: string; bytes: Uint8Array } | null };

/**
 * POST /files: a party of the referral attaches a file. The type is detected from the bytes (magic numbers), not
 * from the name or the declared type; the name is kept only as a safe display name.
 */
export async function uploadFile(db: Db, me: SessionUser, input: UploadInput) {
  if (!input.file) throw invalidField("file", "Choose a file to upload");
  const { bytes } = input.file;
  const detected = bytes.byteLength ? (await fileTypeFromBuffer(bytes))?.mime : undefined;
  const mediaType = assertUploadable(bytes.byteLength, detected);
  return db.transaction(async (tx) => {
    const current = await loadReferral(tx, me, input.referralId);
    const [row] = await tx
      .insert(uploadedFile)
      .values({
        referralId: current.id,
        uploaderId: me.id,
        name: uploadDisplayName(input.file!.name, mediaType),
        mediaType,
        sizeBytes: bytes.byteLength,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      })
      .returning({ id: uploadedFile.id });
    await audit(tx, me, { action: "file.upload", referralId: current.id, entity: "file", entityId: row!.id });
    return { fileId: row!.id };
  });
}

/** GET /files/<id>: the bytes for a party of the referral, audited before they are sent. */
export async function readFile(db: Db, me: SessionUser, fileId: string) {
  const f = await loadFile(db, me, fileId);
  await audit(db, me, { action: "file.view", referralId: f.referralId, entity: "file", entityId: f.id });
  return f;
}

/** file.list: the referral's files (metadata only). */
export async function listFiles(db: Db, me: SessionUser, referralId: string) {
  const current = await loadReferral(db, me, referralId);
  const rows = await filesOf(db, current.id);
  await audit(db, me, { action: "file.list", referralId: current.id, entity: "file" });
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
}
