import { testDbTargets } from "@mm/db/testing";
import { DomainError } from "@mm/domain";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPath, type Episode, PROCEDURES, routerProcedurePaths } from "./procedure-catalog";
import { activeReferral } from "./testing/episode";
import { type Member, therapistProfileInput } from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

/** What HTTP can deliver: any JSON value. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

const b64 = (text: string) => Buffer.from(text).toString("base64url");
const SOME_UUID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";

/**
 * Values that JSON and a loose schema accept but a column cannot store: each class once answered 500 (NUL and
 * unpaired surrogates in text, numbers outside what real/integer hold, malformed cursors, year-0000 dates).
 */
const hostileText = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\u0007bell", "del\u007F", "\uD800", "x\uDC00", "\uDE00\uD83D"),
  fc
    .tuple(
      fc.string({ maxLength: 6 }),
      fc.constantFrom("\u0000", "\uD83D", "\uDFFF", "\u001B"),
      fc.string({ maxLength: 6 }),
    )
    .map(([a, bad, b]) => a + bad + b),
);
const hostileNumber = fc.oneof(
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
const hostileCursor = fc.oneof(
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
const hostileDate = fc.constantFrom(
  "0000-01-01",
  "0000-02-29",
  "1899-12-31",
  "9999-12-31",
  "0000-01-01T00:00:00Z",
  "0000-12-31T23:59:59+14:00",
  "9999-12-31T23:59:59Z",
);
const hostile = fc.oneof(hostileText, hostileNumber, hostileCursor, hostileDate);

type Path = (string | number)[];

/** Every leaf of a valid input (goals.0.baseline, allergies.0, …): where a hostile value hurts most. */
function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return prefix.length > 0 ? [prefix] : [];
}

function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = setAt(copy[head], rest, leaf);
  return copy;
}

const looksLikeDate = (v: string) => /^\d{4}-\d{2}-\d{2}/.test(v);

/** Hostile values of the leaf's own type, so the rest of the input stays valid and the value reaches a handler. */
function hostileFor(leaf: unknown) {
  if (typeof leaf === "number") return hostileNumber;
  if (typeof leaf === "string") return looksLikeDate(leaf) ? fc.oneof(hostileDate, hostileText) : hostileText;
  return hostile;
}

/** Where a list procedure takes its cursor. */
const cursorKeys = (path: string): Path[] => (path.endsWith(".list") ? [["cursor"]] : []);

/** A valid input with one leaf (or its cursor) replaced by a hostile value of the same type. */
function hostileVariantsOf(path: string, valid: unknown) {
  const base = valid && typeof valid === "object" ? valid : {};
  const leaves = leafPaths(base);
  const cursors = cursorKeys(path);
  if (leaves.length + cursors.length === 0) return hostile;
  return fc.oneof(
    ...leaves.map((p) =>
      hostileFor(p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], base)).map((v) =>
        setAt(base, p, v),
      ),
    ),
    ...cursors.map((p) => hostileCursor.map((v) => setAt(base, p, v))),
  );
}

/**
 * The deterministic sweep: every leaf of the valid input gets one value of each hostile class that fits its type
 * (and a list's cursor every malformed cursor), so no field is left to chance.
 */
function sweepOf(path: string, valid: unknown): unknown[] {
  const base = valid && typeof valid === "object" ? valid : {};
  const out: unknown[] = [];
  for (const p of leafPaths(base)) {
    const leaf = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], base);
    const values =
      typeof leaf === "number"
        ? [1e39, 5e-324, 2 ** 31]
        : typeof leaf === "string"
          ? [
              "a\u0000b",
              "\uD800",
              "\uDE00\uD83D",
              ...(looksLikeDate(leaf) ? [leaf.replace(/^\d{4}/, "0000")] : []),
            ]
          : [];
    for (const v of values) out.push(setAt(base, p, v));
  }
  for (const p of cursorKeys(path))
    for (const c of fc.sample(hostileCursor, { numRuns: 12, seed: 1 })) out.push(setAt(base, p, c));
  return out;
}

/** A valid input with some fields replaced, dropped or added: the malformed inputs that get closest to a handler. */
function mutationsOf(valid: unknown) {
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

/** Random inputs per procedure (37 procedures, two databases, a busy 2-core CI machine: keep it small). */
const RUNS = 25;

/** Inputs whose catalog entry is too thin for a hostile leaf to get past the schema's other fields. */
const FULL_INPUT: Record<string, () => unknown> = {
  "profile.update": () => SAMPLE.patient("Fuzz Patient"),
};

function expectNoInternalError(path: string, input: unknown, e: unknown) {
  expect(e).toBeInstanceOf(TRPCError);
  const err = e as TRPCError;
  expect(err.code, `${path}(${JSON.stringify(input)}) → ${err.message}`).not.toBe("INTERNAL_SERVER_ERROR");
  // A schema failure names the field in its message; a later check names it as the rule.
  if (err.code === "BAD_REQUEST" && !(err.cause instanceof DomainError))
    expect(err.message).toMatch(/^[\w.]+: \S/);
}

describe.each(testDbTargets())("hostile input to every procedure on %s", (target) => {
  let api: TestApi;
  let episode: Episode;
  const parties = {} as Record<"patient" | "physician" | "therapist", Member>;

  beforeAll(async () => {
    api = await createTestApi(target);
    parties.patient = await api.member(SAMPLE.patient("Fuzz Patient"));
    parties.physician = await api.member(SAMPLE.physician("Dr. Fuzz"));
    parties.therapist = await api.member(therapistProfileInput("Fuzz Therapist"));
    const ep = await activeReferral(parties);
    episode = { ...ep, physicianId: parties.physician.user.id, therapistId: parties.therapist.user.id };
  });
  afterAll(async () => api?.close());

  const paths = routerProcedurePaths().filter((p) => p !== "timeline.onEvent");
  const validInput = (path: string) => {
    const entry = PROCEDURES[path]!;
    return FULL_INPUT[path]?.() ?? (entry.scoped ?? entry.input)?.(episode);
  };
  const callerOf = (path: string) => parties[PROCEDURES[path]!.roles[0] as keyof typeof parties].caller;

  it.each(paths)(
    "%s: a hostile value in any field is refused without INTERNAL_SERVER_ERROR",
    async (path) => {
      for (const input of sweepOf(path, validInput(path))) {
        try {
          await callPath(callerOf(path), path, input);
        } catch (e) {
          expectNoInternalError(path, input, e);
        }
      }
    },
  );

  it.each(paths)("%s never fails with INTERNAL_SERVER_ERROR, and bad input names the field", async (path) => {
    const valid = validInput(path);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyJson, mutationsOf(valid), hostileVariantsOf(path, valid)),
        async (input) => {
          try {
            await callPath(callerOf(path), path, input);
          } catch (e) {
            expectNoInternalError(path, input, e);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
