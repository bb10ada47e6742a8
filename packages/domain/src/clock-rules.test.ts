import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { assertClockRule, notFutureIssue } from "./clock-rules";

const now = new Date("2026-05-10T12:00:00Z");

describe("clock rules", () => {
  it("notFutureIssue ignores missing or malformed dates (the schema reports those)", () => {
    expect(notFutureIssue("d", "Day", undefined, { now })).toEqual([]);
    expect(notFutureIssue("d", "Day", "05/12/2026", { now })).toEqual([]);
    expect(notFutureIssue("d", "Day", "2026-05-12", { now })).toEqual([
      { path: "d", message: "Day cannot be in the future" },
    ]);
  });
  it("assertClockRule throws a validation error with the field's path", () => {
    const rule = (v: { a: { b: string } }) => (v.a.b === "bad" ? [{ path: "a.b", message: "Nope" }] : []);
    expect(() => assertClockRule(rule, { a: { b: "ok" } }, { now })).not.toThrow();
    try {
      assertClockRule(rule, { a: { b: "bad" } }, { now });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZodError);
      expect((e as ZodError).issues).toMatchObject([{ path: ["a", "b"], message: "Nope" }]);
    }
  });
});
