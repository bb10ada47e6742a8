import { createHash, randomUUID } from "node:crypto";
import { type Db, uploadedFile } from "@mm/db";
import { assertUploadable, invalidField, uploadDisplayName } from "@mm/domain";
import { fileTypeFromBuffer } from "file-type";
import type { SessionUser } from "../context";
import { loadReferral, lockReferral } from "../queries/referral";
import { audit } from "../services/audit";
import { iso } from "../services/dates";
import { changeReferral } from "../services/write-path";
import { filesOf, loadFile } from "./document-queries";
import { type FileStore, readStoredBytes } from "./file-store";

export type UploadInput = { referralId: string; file: { name: string; bytes: Uint8Array } | null };

/**
 * POST /files: a party of the referral attaches a file. The type is detected from the bytes (magic numbers), not
 * from the name or the declared type; the name is kept only as a safe display name.
 */
export async function uploadFile(db: Db, store: FileStore, me: SessionUser, input: UploadInput) {
  if (!input.file) throw invalidField("file", "Choose a file to upload");
  const { bytes } = input.file;
  const detected = bytes.byteLength ? (await fileTypeFromBuffer(bytes))?.mime : undefined;
  const mediaType = assertUploadable(bytes.byteLength, detected);
  const name = uploadDisplayName(input.file.name, mediaType);
  // Only a party's bytes reach the store (anyone else: NOT_FOUND before a byte is kept); they are kept before the
  // referral is locked, so a slow bucket never holds the lock. The lock checks the caller again.
  await loadReferral(db, me, input.referralId);
  const fileId = randomUUID();
  const stored = await store.put(fileId, bytes, mediaType);
  try {
    // Through the write path: the referral is locked, its version bumps, and the event and the audit row commit
    // in the same statement as the file.
    const out = await changeReferral(
      db,
      me,
      (tx) => lockReferral(tx, me, input.referralId),
      async (tx, current) => {
        const insert = tx
          .insert(uploadedFile)
          .values({
            id: fileId,
            referralId: current.id,
            uploaderId: me.id,
            name,
            mediaType,
            sizeBytes: bytes.byteLength,
            sha256: createHash("sha256").update(bytes).digest("hex"),
            ...stored,
          })
          .getSQL();
        return {
          writes: [insert],
          effects: [{ kind: "event", type: "file_uploaded", data: { fileId, name, mediaType } }],
          audit: { action: "file.upload", entity: "file", entityId: fileId },
        };
      },
    );
    // Like every referral change, the answer carries the referral's new version.
    return { referral: out.referral, fileId };
  } catch (error) {
    await store.remove(fileId).catch(() => {});
    throw error;
  }
}

/** A file with its bytes for a party of its referral, wherever they are stored (not audited: the callers audit). */
export async function fileWithBytes(db: Db, store: FileStore, me: SessionUser, fileId: string) {
  const { content, storedIn, ...f } = await loadFile(db, me, fileId);
  return { ...f, bytes: await readStoredBytes(store, { id: f.id, storedIn, content }) };
}

/** GET /files/<id>: the bytes for a party of the referral, audited before they are sent. */
export async function readFile(db: Db, store: FileStore, me: SessionUser, fileId: string) {
  const f = await fileWithBytes(db, store, me, fileId);
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
