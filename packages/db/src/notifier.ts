import { EventEmitter } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import createSubscriber from "pg-listen";

/**
 * Fan-out of small JSON payloads over PostgreSQL LISTEN/NOTIFY. Publishing is done with `pg_notify` inside the
 * writer's transaction (see notifySql), so listeners on every instance hear about a change only once it commits.
 */
export type Notifier = {
  /** Subscribe to a channel; resolves once the LISTEN is active. Returns the unsubscribe function. */
  subscribe: (channel: string, listener: (payload: string) => void) => Promise<() => void>;
  close: () => Promise<void>;
};

function fanOut(listenOnce: (channel: string, emit: (payload: string) => void) => Promise<void>) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const listening = new Map<string, Promise<void>>();
  return {
    emitter,
    async subscribe(channel: string, listener: (payload: string) => void) {
      let ready = listening.get(channel);
      if (!ready) {
        ready = listenOnce(channel, (payload) => emitter.emit(channel, payload));
        listening.set(channel, ready);
      }
      await ready;
      emitter.on(channel, listener);
      return () => {
        emitter.off(channel, listener);
      };
    },
  };
}

export function createPgliteNotifier(client: PGlite): Notifier {
  const { subscribe, emitter } = fanOut(async (channel, emit) => {
    await client.listen(channel, emit);
  });
  return {
    subscribe,
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

export function createPostgresNotifier(databaseUrl: string): Notifier {
  // pg-listen keeps one dedicated connection and reconnects it; payloads are parsed by us, not by it.
  const subscriber = createSubscriber(
    { connectionString: databaseUrl },
    { parse: (s) => s, serialize: (s) => String(s) },
  );
  let connected: Promise<void> | undefined;
  const { subscribe, emitter } = fanOut(async (channel, emit) => {
    connected ??= subscriber.connect();
    await connected;
    subscriber.notifications.on(channel, (payload: unknown) => emit(String(payload)));
    await subscriber.listenTo(channel);
  });
  return {
    subscribe,
    close: async () => {
      emitter.removeAllListeners();
      if (connected) await subscriber.close();
    },
  };
}
