import { type Auth, listenForRevocations, readSession } from "@mm/auth";
import type { Db, Notifier } from "@mm/db";
import type { Role } from "@mm/domain";
import type { FileStore } from "./documents/file-store";

/** Long-lived dependencies the server builds once and hands to every request's context. */
export type ApiDeps = {
  db: Db;
  auth: Auth;
  notifier: Notifier;
  /** Injected clock so rules that depend on "today" are testable. */
  now?: () => Date;
  /** Where uploads' bytes go; PostgreSQL (in the row) unless an S3-compatible bucket is configured. */
  fileStore?: FileStore;
};

export type SessionUser = { id: string; name: string; email: string; role: Role };

export type Context = ApiDeps & {
  now: () => Date;
  user: SessionUser | null;
  /** The better-auth session behind `user`: live streams end when it is revoked. */
  sessionId?: string;
  headers: Headers;
};

export async function createContext(deps: ApiDeps, headers: Headers): Promise<Context> {
  // Once per auth instance: revocations from every instance evict the session memo (until then it stays off).
  await listenForRevocations(deps.auth, deps.notifier, deps.db);
  const session = await readSession(deps.auth, headers);
  const u = session?.user;
  return {
    ...deps,
    now: deps.now ?? (() => new Date()),
    headers,
    sessionId: session?.session.id,
    user: u ? { id: u.id, name: u.name, email: u.email, role: (u as { role?: string }).role as Role } : null,
  };
}
