import { describe, expect, it } from "vitest";
import {
  addDays,
  addYears,
  dayIn,
  daysBetween,
  endOfDay,
  isNotFutureDate,
  isTimeZone,
  startOfDay,
  timeZoneSchema,
  todayIso,
  yearBounds,
  yearIn,
  zonedInstant,
} from "./dates";

const at = (s: string) => new Date(s);

describe("dates", () => {
  it("todayIso is the UTC calendar day without a zone, the zone's day with one", () => {
    expect(todayIso(at("2026-03-01T23:30:00-05:00"))).toBe("2026-03-02");
    expect(todayIso(at("2026-03-01T00:00:00Z"))).toBe("2026-03-01");
    expect(todayIso(at("2026-03-01T23:30:00-05:00"), "America/New_York")).toBe("2026-03-01");
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
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
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
  it("isNotFutureDate: one day of leeway without a zone, exact with one", () => {
    const now = at("2026-05-10T12:00:00Z");
    expect(isNotFutureDate("2020-01-01", now)).toBe(true);
    expect(isNotFutureDate("2026-05-10", now)).toBe(true);
    expect(isNotFutureDate("2026-05-11", now)).toBe(true);
    expect(isNotFutureDate("2026-05-12", now)).toBe(false);
    expect(isNotFutureDate("2026-05-11", now, "America/New_York")).toBe(false);
    expect(isNotFutureDate("2026-05-11", now, "Pacific/Kiritimati")).toBe(true); // UTC+14: already the 11th
  });
});

describe("time zones", () => {
  it("knows IANA names and refuses the rest", () => {
    for (const z of ["UTC", "America/New_York", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kolkata"])
      expect(isTimeZone(z)).toBe(true);
    for (const z of ["", "Mars/Olympus", "+05:00", "New York", "x".repeat(80)])
      expect(isTimeZone(z)).toBe(false);
    expect(timeZoneSchema.safeParse("Europe/Paris").success).toBe(true);
    expect(timeZoneSchema.safeParse("Europe/Nowhere").error?.issues[0]?.message).toBe(
      "Choose a time zone such as America/New_York",
    );
  });
  it("an instant's day depends on the zone (20:00 in New York is already tomorrow in UTC)", () => {
    const eveningNy = "2026-01-31T20:00:00-05:00";
    expect(dayIn(eveningNy, "America/New_York")).toBe("2026-01-31");
    expect(dayIn(eveningNy, "UTC")).toBe("2026-02-01");
    expect(dayIn(eveningNy, "Pacific/Kiritimati")).toBe("2026-02-01");
    expect(dayIn("2026-01-31T23:59:59.999-08:00", "America/Los_Angeles")).toBe("2026-01-31");
    expect(dayIn("2026-02-01T00:00:00-08:00", "America/Los_Angeles")).toBe("2026-02-01");
  });
  it("start and end of a day across the March DST change (23-hour day)", () => {
    expect(startOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(endOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(
      endOfDay("2026-03-08", "America/New_York").getTime() -
        startOfDay("2026-03-08", "America/New_York").getTime(),
    ).toBe(23 * 3_600_000);
  });
  it("start and end of a day across the November DST change (25-hour day)", () => {
    const z = "America/Los_Angeles";
    expect(startOfDay("2026-11-01", z).toISOString()).toBe("2026-11-01T07:00:00.000Z");
    expect(endOfDay("2026-11-01", z).toISOString()).toBe("2026-11-02T08:00:00.000Z");
    expect(dayIn("2026-11-02T07:59:59Z", z)).toBe("2026-11-01");
  });
  it("a zone far from UTC: Kiritimati's day ends at 10:00 UTC", () => {
    expect(endOfDay("2026-01-31", "Pacific/Kiritimati").toISOString()).toBe("2026-01-31T10:00:00.000Z");
    expect(startOfDay("2026-01-31", "Pacific/Kiritimati").toISOString()).toBe("2026-01-30T10:00:00.000Z");
  });
  it("the visit year is the patient's calendar year", () => {
    expect(yearIn("2027-01-01T03:00:00Z", "America/New_York")).toBe(2026);
    expect(yearIn("2026-12-31T11:00:00Z", "Pacific/Kiritimati")).toBe(2027);
    expect(yearBounds(2026, "America/New_York")).toEqual({
      start: at("2026-01-01T05:00:00.000Z"),
      end: at("2027-01-01T05:00:00.000Z"),
    });
  });
});

describe("zonedInstant", () => {
  it("a wall-clock time in a zone, on either side of the DST changes", () => {
    expect(zonedInstant("2026-03-07", "09:30", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-07T17:30:00.000Z",
    );
    expect(zonedInstant("2026-03-09", "09:30", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-09T16:30:00.000Z",
    );
    expect(zonedInstant("2026-11-02", "09:30", "America/Los_Angeles").toISOString()).toBe(
      "2026-11-02T17:30:00.000Z",
    );
    expect(zonedInstant("2026-06-01", "20:00", "America/New_York").toISOString()).toBe(
      "2026-06-02T00:00:00.000Z",
    );
  });
  it("a time the spring-forward change skips moves forward by the gap", () => {
    expect(zonedInstant("2026-03-08", "02:30", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-08T10:30:00.000Z",
    );
  });
});
