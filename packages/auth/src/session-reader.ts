import { type Db, type Notifier, session as sessionTable } from "@mm/db";
import { getSessionCookie } from "better-auth/cookies";
import { inArray } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Auth, AuthSession } from "./server";

/**
 * How long this process trusts a session it has already checked, without asking better-auth again. Revocations
 * (every deleted session row, on any instance) arrive over LISTEN/NOTIFY and evict the memo at once; the lifetime
 * only bounds how stale the memoized user (name, role) can get after a change made through another instance.
 */
export const SESSION_MEMO_TTL_MS = 30_000;

/** Announced by a trigger on the session table for every deleted session (payload: the session id). */
export const SESSION_REVOKED_CHANNEL = "session_revoked";

type State = {
  /** Signed cookie value → the session better-auth accepted for it. */
  memo: LRUCache<string, AuthSession>;
  /**
   * Session id → its memo keys, so a revocation (which carries the id, never the token) finds every entry: one
   * session can arrive under several spellings of its cookie (percent-encoded or not).
   */
  keysOfSession: Map<string, Set<string>>;
  /** Session id → what to call when it ends (open live streams). */
  watchers: Map<string, Set<() => void>>;
  /** The memo is used only while revocations are being heard. */
  live: Promise<boolean> | undefined;
};

const states = new WeakMap<Auth, State>();

function stateOf(auth: Auth): State {
  let state = states.get(auth);
  if (!state) {
    const keysOfSession = new Map<string, Set<string>>();
    const memo = new LRUCache<string, AuthSession>({
      max: 50_000,
      ttl: SESSION_MEMO_TTL_MS,
      dispose: (value, key) => {
        const keys = keysOfSession.get(value.session.id);
        keys?.delete(key);
        if (keys?.size === 0) keysOfSession.delete(value.session.id);
      },
    });
    state = { memo, keysOfSession, watchers: new Map(), live: undefined };
    states.set(auth, state);
  }
  return state;
}

/**
 * Subscribes this auth instance to session revocations (idempotent; retried on the next call if it failed).
 * Until it has succeeded, no session is memoized, so a revocation can never be missed.
 */
export function listenForRevocations(auth: Auth, notifier: Notifier, db: Db): Promise<boolean> {
  const state = stateOf(auth);
  state.live ??= (async () => {
    await notifier.subscribe(SESSION_REVOKED_CHANNEL, (id) => endSession(auth, id));
    notifier.onReconnect(() => {
      // Revocations sent while the listener was away are lost: trust nothing remembered, and re-check the
      // sessions that have open streams.
      state.memo.clear();
      const ids = [...state.watchers.keys()];
      if (ids.length === 0) return;
      db.select({ id: sessionTable.id })
        .from(sessionTable)
        .where(inArray(sessionTable.id, ids))
        .then((rows) => {
          const alive = new Set(rows.map((r) => r.id));
          for (const id of ids) if (!alive.has(id)) endSession(auth, id);
        })
        .catch(() => {
          for (const id of ids) endSession(auth, id);
        });
    });
    // A new listener may have missed revocations: start from an empty memo.
    state.memo.clear();
    return true;
  })().catch(() => {
    state.live = undefined;
    return false;
  });
  return state.live;
}

/** A session ended (deleted anywhere): forget it and end whatever was watching it. */
export function endSession(auth: Auth, sessionId: string) {
  const state = stateOf(auth);
  for (const key of [...(state.keysOfSession.get(sessionId) ?? [])]) state.memo.delete(key);
  state.keysOfSession.delete(sessionId);
  const watchers = state.watchers.get(sessionId);
  if (!watchers) return;
  state.watchers.delete(sessionId);
  for (const w of watchers) w();
}

/** Calls `onEnd` once when the session is revoked or signed out (on any instance). Returns the unwatch function. */
export function watchSession(auth: Auth, sessionId: string, onEnd: () => void): () => void {
  const { watchers } = stateOf(auth);
  let set = watchers.get(sessionId);
  if (!set) {
    set = new Set();
    watchers.set(sessionId, set);
  }
  set.add(onEnd);
  return () => {
    const current = watchers.get(sessionId);
    current?.delete(onEnd);
    if (current?.size === 0) watchers.delete(sessionId);
  };
}

/**
 * The signed-in session for a request, or null. better-auth's own check costs 1-2.5 ms of CPU and a session-table
 * read; a request that presents the exact same signed session token again within the memo's lifetime is answered
 * from memory. Only sessions better-auth accepted are remembered, never a refusal.
 */
export async function readSession(auth: Auth, headers: Headers): Promise<AuthSession | null> {
  const token = getSessionCookie(headers);
  if (!token) return null;
  const state = stateOf(auth);
  const memoize = state.live !== undefined && (await state.live);
  const known = memoize ? state.memo.get(token) : undefined;
  if (known && new Date(known.session.expiresAt).getTime() > Date.now()) return known;
  const session = await auth.api.getSession({ headers });
  if (session && memoize) {
    state.memo.set(token, session);
    const keys = state.keysOfSession.get(session.session.id) ?? new Set<string>();
    keys.add(token);
    state.keysOfSession.set(session.session.id, keys);
  } else state.memo.delete(token);
  return session;
}

/** Forgets the request's session (sign-out and other session changes go through better-auth right after). */
export function forgetSession(auth: Auth, headers: Headers) {
  const token = getSessionCookie(headers);
  if (token) stateOf(auth).memo.delete(token);
}
