import { invalidField, isoDateTimeField, MAX_DATE } from "@mm/domain";
import { z } from "zod";

/** What a decoded keyset cursor must be: an instant in the supported range and a row's UUID. */
const decodedCursorSchema = z.tuple([
  isoDateTimeField("not a date").pipe(
    z.string().refine((at) => Date.parse(at) <= Date.parse(`${MAX_DATE}T23:59:59.999Z`)),
  ),
  z.uuid(),
]);

/** Opaque keyset cursor over (created_at, id), newest first: stable under concurrent inserts, served by an index. */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

/** A cursor this server did not produce (edited, truncated, out of range) is a BAD_REQUEST on `cursor`. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const parsed = decodedCursorSchema.safeParse(Buffer.from(cursor, "base64url").toString("utf8").split("|"));
  if (!parsed.success) throw invalidField("cursor", "This page link is no longer valid: reload the list");
  const [at, id] = parsed.data;
  return { createdAt: new Date(at), id };
}
