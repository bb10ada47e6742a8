import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { cptUnits, visitUnits } from "./session-units";

describe("cptUnits (8-minute rule)", () => {
  it.each([
    [0, 0],
    [1, 0],
    [7, 0],
    [8, 1],
    [15, 1],
    [22, 1],
    [23, 2],
    [30, 2],
    [37, 2],
    [38, 3],
    [52, 3],
    [53, 4],
    [67, 4],
    [68, 5],
    [82, 5],
    [83, 6],
    [112, 7],
    [113, 8],
    [120, 8],
    [240, 16],
  ])("%i minutes -> %i units", (minutes, units) => {
    expect(cptUnits(minutes)).toBe(units);
  });

  it.each([-1, 7.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s, naming minutes", (minutes) => {
    try {
      cptUnits(minutes);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe("invalid");
      expect((e as DomainError).rule).toBe("minutes");
      expect((e as DomainError).message).toBe("Minutes must be a whole number of 0 or more");
    }
  });
});

describe("visitUnits (several services in one visit)", () => {
  const v = (...m: [string, number][]) => visitUnits(m.map(([cptCode, minutes]) => ({ cptCode, minutes })));
  const units = (r: ReturnType<typeof visitUnits>) => r.services.map((s) => s.units);
  it("a single service is the 8-minute rule", () => {
    for (const m of [0, 7, 8, 22, 23, 37, 38, 52, 53, 240]) {
      expect(v(["97124", m]).totalUnits).toBe(cptUnits(m));
      expect(units(v(["97124", m]))).toEqual([cptUnits(m)]);
    }
  });
  it("total units come from the total timed minutes, not from each service", () => {
    // 7 + 7 = 14 minutes: each alone would bill nothing, together one unit.
    expect(v(["97124", 7], ["97140", 7])).toMatchObject({ totalMinutes: 14, totalUnits: 1 });
    expect(units(v(["97124", 7], ["97140", 7]))).toEqual([1, 0]);
    // 4 + 3 = 7: nothing billable.
    expect(units(v(["97124", 4], ["97140", 3]))).toEqual([0, 0]);
    // 8 + 8 = 16: one unit, not two.
    expect(v(["97124", 8], ["97140", 8]).totalUnits).toBe(1);
  });
  it.each([
    // [97140 minutes, 97124 minutes, total units, [97140 units, 97124 units]] (CMS examples and the boundaries)
    [33, 7, 3, [2, 1]],
    [24, 23, 3, [2, 1]],
    [20, 18, 3, [2, 1]],
    [30, 7, 2, [2, 0]],
    [30, 8, 3, [2, 1]],
    [15, 7, 1, [1, 0]],
    [15, 8, 2, [1, 1]],
    [22, 0, 1, [1, 0]],
    [23, 0, 2, [2, 0]],
    [45, 7, 3, [3, 0]],
    [45, 8, 4, [3, 1]],
    [10, 12, 1, [0, 1]],
    [12, 11, 2, [1, 1]],
  ] as const)("97140 %i min + 97124 %i min -> %i units %j", (a, b, total, split) => {
    const r = v(["97140", a], ["97124", b]);
    expect(r.totalUnits).toBe(total);
    expect(units(r)).toEqual(split);
    expect(units(r).reduce((n, u) => n + u, 0)).toBe(total);
  });
  it("the units always add up to the total, for every split of up to 90 minutes", () => {
    for (let a = 0; a <= 90; a++)
      for (let b = 0; b <= 90 - a; b++) {
        const r = v(["97140", a], ["97124", b]);
        expect(r.totalUnits).toBe(cptUnits(a + b));
        expect(r.services[0]!.units + r.services[1]!.units).toBe(r.totalUnits);
        // No service gets more than one unit beyond its whole 15-minute units.
        expect(r.services[0]!.units - Math.floor(a / 15)).toBeLessThanOrEqual(1);
        expect(r.services[1]!.units - Math.floor(b / 15)).toBeLessThanOrEqual(1);
      }
  });
  it("ties go to the service with more minutes, then to the first", () => {
    expect(units(v(["97124", 5], ["97140", 5]))).toEqual([1, 0]);
    expect(units(v(["97124", 5], ["97140", 20]))).toEqual([0, 2]);
  });
  it("refuses negative or fractional minutes", () => {
    expect(() => v(["97124", -1])).toThrow(DomainError);
    expect(() => v(["97124", 1.5])).toThrow(DomainError);
  });
});
