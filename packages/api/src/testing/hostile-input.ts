/**
 * Hostile input generators for the fuzz suites (the tRPC procedures in packages/api, better-auth's endpoints through
 * the HTTP app in apps/server). Test-only: fast-check is a dev dependency of every package that imports this.
 */
import fc from "fast-check";

/** What HTTP can deliver: any JSON value. */
export const anyJson = fc.jsonValue({ maxDepth: 3 });

const b64 = (text: string) => Buffer.from(text).toString("base64url");
const SOME_UUID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";

/**
 * Values that JSON and a loose schema accept but a column cannot store: each class once answered 500 (NUL and
 * unpaired surrogates in text, numbers outside what real/integer hold, malformed cursors, year-0000 dates).
 */
export const hostileText = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\u0007bell", "del\u007F", "\uD800", "x\uDC00", "\uDE00\uD83D"),
  fc
    .tuple(
      fc.string({ maxLength: 6 }),
      fc.constantFrom("\u0000", "\uD83D", "\uDFFF", "\u001B"),
      fc.string({ maxLength: 6 }),
    )
    .map(([a, bad, b]) => a + bad + b),
);
export const hostileNumber = fc.oneof(
  fc.constantFrom(
    1e39,
    -1e39,
    5e-324,
    -5e-324,
    1e-40,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    Number.MAX_VALUE,
    -0,
    1.5,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
export const hostileCursor = fc.oneof(
  fc.constantFrom(
    b64(`2026-01-01T00:00:00.000Z|${"-".repeat(36)}`),
    b64(`0000-01-01T00:00:00.000Z|${SOME_UUID}`),
    b64(`+275760-09-13T00:00:00.000Z|${SOME_UUID}`),
    b64(`2026-01-01T00:00:00.000Z|${SOME_UUID}|extra`),
    b64("garbage"),
    "1.5",
    "-1",
    "1e400",
    "99999999999999999999",
    "%%%",
  ),
  fc.tuple(fc.string({ maxLength: 30 }), fc.string({ maxLength: 40 })).map(([at, id]) => b64(`${at}|${id}`)),
);
export const hostileDate = fc.constantFrom(
  "0000-01-01",
  "0000-02-29",
  "1899-12-31",
  "9999-12-31",
  "0000-01-01T00:00:00Z",
  "0000-12-31T23:59:59+14:00",
  "9999-12-31T23:59:59Z",
);
export const hostile = fc.oneof(hostileText, hostileNumber, hostileCursor, hostileDate);

export type Path = (string | number)[];

/** Every leaf of a valid input (goals.0.baseline, allergies.0, …): where a hostile value hurts most. */
export function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return prefix.length > 0 ? [prefix] : [];
}

export function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = setAt(copy[head], rest, leaf);
  return copy;
}

export const looksLikeDate = (v: string) => /^\d{4}-\d{2}-\d{2}/.test(v);

/** Hostile values of the leaf's own type, so the rest of the input stays valid and the value reaches a handler. */
export function hostileFor(leaf: unknown) {
  if (typeof leaf === "number") return hostileNumber;
  if (typeof leaf === "string") return looksLikeDate(leaf) ? fc.oneof(hostileDate, hostileText) : hostileText;
  return hostile;
}

/** The fixed hostile values the deterministic sweeps put in a leaf of this type (one of each class). */
export function sweepValuesFor(leaf: unknown): unknown[] {
  if (typeof leaf === "number") return [1e39, 5e-324, 2 ** 31];
  if (typeof leaf === "string")
    return [
      "a\u0000b",
      "\uD800",
      "\uDE00\uD83D",
      ...(looksLikeDate(leaf) ? [leaf.replace(/^\d{4}/, "0000")] : []),
    ];
  return [];
}

/** The leaf at a path of a value. */
export const leafAt = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], value);

/** A valid input with some fields replaced, dropped or added: the malformed inputs that get closest to a handler. */
export function mutationsOf(valid: unknown) {
  if (!valid || typeof valid !== "object" || Array.isArray(valid)) return anyJson;
  const keys = Object.keys(valid);
  return fc
    .record({
      replace: fc.subarray(keys),
      drop: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      values: fc.array(fc.oneof(anyJson, hostile), { minLength: keys.length, maxLength: keys.length }),
      extra: fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 2 }),
    })
    .map(({ replace, drop, values, extra }) => {
      const out: Record<string, unknown> = { ...extra, ...(valid as Record<string, unknown>) };
      replace.forEach((k, i) => {
        out[k] = values[i];
      });
      for (const k of drop) delete out[k];
      return out;
    });
}
