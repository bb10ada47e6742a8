/**
 * Calls per key (a user, or a client address when signed out) per minute, in this process: a flood guard in front
 * of tRPC. Fixed one-minute windows kept in memory, so with N instances behind a balancer a user gets up to N times
 * the limit; a database counter would cost a write per request, which the hot reads cannot afford.
 */
export function createCallLimiter(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  let sweepAt = 0;
  return (key: string, calls: number, now = Date.now()): boolean => {
    if (now >= sweepAt) {
      for (const [k, w] of windows) if (now - w.start >= 60_000) windows.delete(k);
      sweepAt = now + 60_000;
    }
    let w = windows.get(key);
    if (!w || now - w.start >= 60_000) {
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count += calls;
    return w.count <= perMinute;
  };
}
