import { testDbTargets } from "@mm/db/testing";
import { DomainError } from "@mm/domain";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPath, type Episode, PROCEDURES, routerProcedurePaths } from "./procedure-catalog";
import { activeReferral } from "./testing/episode";
import {
  anyJson,
  hostile,
  hostileCursor,
  hostileFor,
  leafAt,
  leafPaths,
  mutationsOf,
  type Path,
  setAt,
  sweepValuesFor,
} from "./testing/hostile-input";
import { type Member, therapistProfileInput } from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

/** Where a list procedure takes its cursor. */
const cursorKeys = (path: string): Path[] => (path.endsWith(".list") ? [["cursor"]] : []);

/** A valid input with one leaf (or its cursor) replaced by a hostile value of the same type. */
function hostileVariantsOf(path: string, valid: unknown) {
  const base = valid && typeof valid === "object" ? valid : {};
  const leaves = leafPaths(base);
  const cursors = cursorKeys(path);
  if (leaves.length + cursors.length === 0) return hostile;
  return fc.oneof(
    ...leaves.map((p) => hostileFor(leafAt(base, p)).map((v) => setAt(base, p, v))),
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
  for (const p of leafPaths(base))
    for (const v of sweepValuesFor(leafAt(base, p))) out.push(setAt(base, p, v));
  for (const p of cursorKeys(path))
    for (const c of fc.sample(hostileCursor, { numRuns: 12, seed: 1 })) out.push(setAt(base, p, c));
  return out;
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
