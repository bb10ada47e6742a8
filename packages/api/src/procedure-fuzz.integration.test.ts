import { testDbTargets } from "@mm/db/testing";
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callPath, type Episode, PROCEDURES, routerProcedurePaths } from "./procedure-catalog";
import { activeReferral } from "./testing/episode";
import { type Member, therapistProfileInput } from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

/** What HTTP can deliver: any JSON value. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** A valid input with some fields replaced, dropped or added: the malformed inputs that get closest to a handler. */
function mutationsOf(valid: unknown) {
  if (!valid || typeof valid !== "object" || Array.isArray(valid)) return anyJson;
  const keys = Object.keys(valid);
  return fc
    .record({
      replace: fc.subarray(keys),
      drop: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      values: fc.array(anyJson, { minLength: keys.length, maxLength: keys.length }),
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

const RUNS = 25;

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

  it.each(routerProcedurePaths().filter((p) => p !== "timeline.onEvent"))(
    "%s never fails with INTERNAL_SERVER_ERROR, and bad input names the field",
    async (path) => {
      const entry = PROCEDURES[path]!;
      const caller = parties[entry.roles[0] as keyof typeof parties].caller;
      const valid = (entry.scoped ?? entry.input)?.(episode);
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyJson, mutationsOf(valid)), async (input) => {
          try {
            await callPath(caller, path, input);
          } catch (e) {
            expect(e).toBeInstanceOf(TRPCError);
            const err = e as TRPCError;
            expect(err.code, `${path}(${JSON.stringify(input)}) → ${err.message}`).not.toBe(
              "INTERNAL_SERVER_ERROR",
            );
            if (err.code === "BAD_REQUEST") expect(err.message).toMatch(/^[\w.]+: \S/);
          }
        }),
        { numRuns: RUNS },
      );
    },
  );
});
