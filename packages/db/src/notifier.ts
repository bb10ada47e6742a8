import { EventEmitter } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

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
 * LISTEN on one dedicated session connection (node-postgres Client). It must be a direct connection, not one
 * through PgBouncer in transaction mode (pass DATABASE_DIRECT_URL). When it drops (restart, failover, a killed
 * backend) it is reopened with backoff, every channel is listened to again, and onReconnect is told.
 */
export function createPostgresNotifier(
  directUrl: string,
  hooks: { onListenerError?: (error: Error) => void } = {},
): Notifier {
  const channels = new Map<string, (payload: string) => void>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let retryMs = 100;
  let hadConnection = false;

  const quote = (channel: string) => `"${channel.replaceAll('"', '""')}"`;

  function connect(): Promise<pg.Client> {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString: directUrl, application_name: "mm-notifier" });
      c.on("notification", (n) => channels.get(n.channel)?.(n.payload ?? ""));
      c.on("error", (error) => {
        hooks.onListenerError?.(error);
        lost(c);
      });
      c.on("end", () => lost(c));
      try {
        await c.connect();
        for (const channel of channels.keys()) await c.query(`listen ${quote(channel)}`);
      } catch (error) {
        c.removeAllListeners("end");
        c.end().catch(() => {});
        throw error;
      }
      client = c;
      retryMs = 100;
      if (hadConnection) setImmediate(() => emitter.emit("reconnect"));
      hadConnection = true;
      return c;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  function lost(c: pg.Client) {
    if (client !== c) return;
    client = undefined;
    c.removeAllListeners("end");
    c.end().catch(() => {});
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (closed) return;
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, 5000);
    setTimeout(() => {
      if (closed || client) return;
      connect().catch(scheduleReconnect);
    }, delay).unref();
  }

  const publisher = new pg.Pool({ connectionString: directUrl, max: 1, idleTimeoutMillis: 10_000 });
  publisher.on("error", () => {});

  const { subscribe, emitter, ping, onReconnect } = fanOut(
    async (channel, emit) => {
      channels.set(channel, emit);
      try {
        const c = client ?? (await connect());
        await c.query(`listen ${quote(channel)}`);
      } catch (error) {
        channels.delete(channel);
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
      emitter.removeAllListeners();
      const c = client;
      client = undefined;
      c?.removeAllListeners("end");
      await Promise.all([c?.end().catch(() => {}), publisher.end().catch(() => {})]);
    },
  };
}
