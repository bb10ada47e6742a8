import { createHmac, timingSafeEqual } from "node:crypto";
import { type NotificationKind, notificationKindSchema } from "@mm/domain";

// A one-click unsubscribe link must work without signing in (RFC 8058), so it carries its own proof: an HMAC over
// the user and the kind. It holds ids only, never anything about the person's care.
const SEPARATOR = ".";

function mac(secret: string, payload: string): string {
  return createHmac("sha256", `unsubscribe:${secret}`).update(payload).digest("base64url");
}

export function unsubscribeToken(secret: string, userId: string, kind: NotificationKind): string {
  const payload = Buffer.from(`${userId}:${kind}`).toString("base64url");
  return `${payload}${SEPARATOR}${mac(secret, payload)}`;
}

/** The user and kind a token unsubscribes, or null when it was not signed with this secret. */
export function verifyUnsubscribeToken(
  secret: string,
  token: string,
): { userId: string; kind: NotificationKind } | null {
  const [payload, signature, ...rest] = token.split(SEPARATOR);
  if (!payload || !signature || rest.length > 0 || token.length > 500) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, kind] = Buffer.from(payload, "base64url").toString("utf8").split(":");
  const parsedKind = notificationKindSchema.safeParse(kind);
  if (!userId || !parsedKind.success) return null;
  return { userId, kind: parsedKind.data };
}
