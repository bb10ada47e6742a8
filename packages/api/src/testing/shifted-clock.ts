/**
 * A server clock a test can move (`createTestApi(target, { now })`): `at(offsetMs, fn)` runs `fn` with the clock
 * `offsetMs` away from the real one (an episode signed days before its sessions), then puts it back.
 */
export function shiftedClock() {
  let shiftMs = 0;
  return {
    now: () => new Date(Date.now() + shiftMs),
    async at<T>(offsetMs: number, fn: () => Promise<T>): Promise<T> {
      shiftMs = offsetMs;
      try {
        return await fn();
      } finally {
        shiftMs = 0;
      }
    },
  };
}
