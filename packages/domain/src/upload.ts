import { z } from "zod";
import { invalidField } from "./errors";
import { idField } from "./fields";

/** Files attached to a referral: insurance card, prior-authorization letter, imaging report, outside prescription. */

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Accepted types, as detected from the content (never from the name or the declared type). */
export const UPLOAD_MEDIA_TYPES = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/heic": "heic",
  "image/heif": "heif",
} as const;
export type UploadMediaType = keyof typeof UPLOAD_MEDIA_TYPES;

export const fileUploadSchema = z.object({ referralId: idField("referralId") });

/** Refuses an empty, oversized or unaccepted file, naming the `file` field. */
export function assertUploadable(sizeBytes: number, detected: string | undefined): UploadMediaType {
  if (sizeBytes === 0) throw invalidField("file", "The file is empty");
  if (sizeBytes > MAX_UPLOAD_BYTES)
    throw invalidField("file", `The file is larger than ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`);
  if (!detected || !(detected in UPLOAD_MEDIA_TYPES))
    throw invalidField("file", "Upload a PDF, JPEG, PNG or HEIC file");
  return detected as UploadMediaType;
}

/**
 * The name to show and to offer on download: the uploader's base name without path or control characters, in
 * plain ASCII (header-safe), with the extension of the detected type.
 */
export function uploadDisplayName(original: string, type: UploadMediaType): string {
  const base = (original.split(/[\\/]/).pop() ?? "")
    .replace(/\.[^.]*$/, "")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9 ._-]+/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
  return `${base || "file"}.${UPLOAD_MEDIA_TYPES[type]}`;
}
