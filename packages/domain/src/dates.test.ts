import { describe, expect, it } from "vitest";
import { addDays, addYears, daysBetween, isNotFutureDate, todayIso } from "./dates";

describe("dates", () => {
  it("todayIso is the UTC calendar day", () => {
    expect(todayIso(new Date("2026-03-01T23:30:00-05:00"))).toBe("2026-03-02");
    expect(todayIso(new Date("2026-03-01T00:00:00Z"))).toBe("2026-03-01");
  });
  it("addDays crosses months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-08", 0)).toBe("2026-03-08");
  });
  it("addYears keeps the calendar day", () => {
    expect(addYears("2026-01-15", 1)).toBe("2027-01-15");
    expect(addYears("2024-02-29", 1)).toBe("2025-03-01");
  });
  it("daysBetween counts whole days, signed", () => {
    expect(daysBetween("2026-01-01", "2026-01-08")).toBe(7);
    expect(daysBetween("2026-01-08", "2026-01-01")).toBe(-7);
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2); // across the US DST change: still days
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
  });
  it("refuses strings that are not real dates", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => daysBetween("2026-1-1", "2026-01-02")).toThrow(RangeError);
  });
  it("isNotFutureDate allows today and tomorrow (time-zone leeway) but not later", () => {
    const now = new Date("2026-05-10T12:00:00Z");
    expect(isNotFutureDate("2020-01-01", now)).toBe(true);
    expect(isNotFutureDate("2026-05-10", now)).toBe(true);
    expect(isNotFutureDate("2026-05-11", now)).toBe(true);
    expect(isNotFutureDate("2026-05-12", now)).toBe(false);
  });
});
