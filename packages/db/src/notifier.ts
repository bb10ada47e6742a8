import { EventEmitter } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import postgres from "postgres";

/**
 * Fan-out of small JSON payloads over PostgreSQL LISTEN/NOTIFY. Publishing is done with `pg_notify` inside the
 * writer's transaction (see notifySql), so listeners on every instance hear about a change only once it commits.
 */
export type Notifier = {
  /** Subscribe to a channel; resolves once the LISTEN is active. Returns the unsubscribe function. */
  subscribe: (channel: string, listener: (payload: string) => void) => Promise<() => void>;
  /**
   * Told after the listening connection came back from a drop: notifications sent meanwhile are lost, so whoever
   * keeps state from them must re-read it (streams catch up from their cursor, session memos are cleared).
   */
  onReconnect: (listener: () => void) => () => void;
  /** End-to-end check for readiness: publishes a ping and resolves true once this instance hears it. */
  ping: (timeoutMs?: number) => Promise<boolean>;
  close: () => Promise<void>;
};

const PING_CHANNEL = "mm_notifier_ping";

function fanOut(
  listenOnce: (channel: string, emit: (payload: string) => void) => Promise<void>,
  publish: (channel: string, payload: string) => Promise<unknown>,
) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const listening = new Map<string, Promise<void>>();
  async function subscribe(channel: string, listener: (payload: string) => void) {
    let ready = listening.get(channel);
    if (!ready) {
      ready = listenOnce(channel, (payload) => emitter.emit(`n:${channel}`, payload));
      listening.set(channel, ready);
      // A LISTEN that failed (database down) is retried by the next subscriber instead of being cached.
      ready.catch(() => listening.delete(channel));
    }
    await ready;
    emitter.on(`n:${channel}`, listener);
    return () => {
      emitter.off(`n:${channel}`, listener);
    };
  }
  let pings = 0;
  async function ping(timeoutMs = 2000) {
    const nonce = `${process.pid}-${++pings}-${Date.now()}`;
    let heard!: () => void;
    const got = new Promise<void>((r) => {
      heard = r;
    });
    const off = await subscribe(PING_CHANNEL, (payload) => payload === nonce && heard());
    let timer: NodeJS.Timeout | undefined;
    try {
      await publish(PING_CHANNEL, nonce);
      return await Promise.race([
        got.then(() => true),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(false), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      off();
    }
  }
  return {
    emitter,
    subscribe,
    ping,
    onReconnect(listener: () => void) {
      emitter.on("reconnect", listener);
      return () => {
        emitter.off("reconnect", listener);
      };
    },
  };
}

export function createPgliteNotifier(client: PGlite): Notifier {
  // One process, one in-process database: the listener never disconnects.
  const { subscribe, emitter, ping, onReconnect } = fanOut(
    async (channel, emit) => {
      await client.listen(channel, emit);
    },
    (channel, payload) => client.query("select pg_notify($1, $2)", [channel, payload]),
  );
  return {
    subscribe,
    onReconnect,
    ping,
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

/**
 * LISTEN through postgres.js (`sql.listen`), which keeps one dedicated session connection, reopens it with
 * backoff when it drops (restart, failover, a killed backend) and listens to every channel again. It must be a
 * direct connection, not one through PgBouncer in transaction mode (pass DATABASE_DIRECT_URL). Each re-listen after
 * the first is reported once through onReconnect so streams catch up from their cursor.
 */
export function createPostgresNotifier(directUrl: string): Notifier {
  // Only sql.listen is used: its connection is the only one this instance opens (named for operators and tests).
  const sql = postgres(directUrl, {
    connection: { application_name: "mm-notifier" },
    onnotice: () => {},
  });
  let closed = false;
  let reportTimer: NodeJS.Timeout | undefined;
  const reconnected = () => {
    // A reconnect re-listens every channel, some more than once after failed attempts (one onlisten each): tell
    // the watchers once, when the burst is over.
    if (closed) return;
    clearTimeout(reportTimer);
    reportTimer = setTimeout(() => {
      if (!closed) emitter.emit("reconnect");
    }, 50);
  };

  const publisher = new pg.Pool({
    connectionString: directUrl,
    max: 1,
    idleTimeoutMillis: 10_000,
    application_name: "mm-notifier-publish",
  });
  publisher.on("error", () => {});

  const { subscribe, emitter, ping, onReconnect } = fanOut(
    async (channel, emit) => {
      let listened = false;
      // postgres.js keeps retrying a LISTEN whose first attempt failed; the next subscriber listens afresh, so
      // the failed attempt's callbacks are made inert (else every notification would be heard twice).
      let abandoned = false;
      try {
        await sql.listen(
          channel,
          (payload) => abandoned || emit(payload),
          () => {
            if (abandoned) return;
            if (listened) reconnected();
            listened = true;
          },
        );
      } catch (error) {
        abandoned = true;
        throw error;
      }
    },
    (channel, payload) => publisher.query("select pg_notify($1, $2)", [channel, payload]),
  );
  return {
    subscribe,
    onReconnect,
    ping,
    close: async () => {
      closed = true;
      clearTimeout(reportTimer);
      emitter.removeAllListeners();
      await Promise.all([sql.end({ timeout: 0 }).catch(() => {}), publisher.end().catch(() => {})]);
    },
  };
}
