import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import { cptUnits } from "./session-units";

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
