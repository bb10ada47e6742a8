import { describe, expect, it } from "vitest";
import {
  addDays,
  dayIn,
  formatDateTime,
  formatDay,
  formatDayTick,
  formatInstantDate,
  fromNow,
  readableDays,
  setViewerTimeZone,
} from "./dates";

describe("calendar days", () => {
  it("shows the day itself, never shifted by a zone", () => {
    expect(formatDay("2026-03-03")).toBe("Mar 3, 2026");
    expect(formatDayTick(Date.parse("2026-03-03T00:00:00Z"))).toBe("Mar 3");
    expect(formatDay(null)).toBe("Not given");
    expect(formatDay("soon")).toBe("soon");
    expect(formatDay("2026-02-30")).toBe("2026-02-30");
  });

  it("adds days across daylight-saving changes", () => {
    expect(addDays("2026-03-07", 2)).toBe("2026-03-09");
    expect(addDays("2026-10-31", 2)).toBe("2026-11-02");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("instants", () => {
  const at = "2026-03-11T01:30:00.000Z"; // Mar 10, 9:30 PM in New York; Mar 10, 6:30 PM in Los Angeles
  it("are shown in the viewer's zone", () => {
    expect(formatDateTime(at, { timeZone: "America/New_York" })).toBe("Mar 10, 2026, 9:30 PM");
    expect(formatDateTime(at, { timeZone: "Asia/Tokyo" })).toBe("Mar 11, 2026, 10:30 AM");
    expect(formatInstantDate(at, { timeZone: "America/Los_Angeles" })).toBe("Mar 10, 2026");
    expect(dayIn(new Date(at), { timeZone: "America/New_York" })).toBe("2026-03-10");
    expect(dayIn(new Date(at), { timeZone: "Europe/Paris" })).toBe("2026-03-11");
  });

  it("say how long ago", () => {
    const now = new Date("2026-03-11T04:30:00.000Z");
    expect(fromNow(at, now)).toBe("3 hours ago");
    expect(fromNow("2026-03-11T04:29:30.000Z", now)).toBe("just now");
    expect(fromNow("2026-03-11T05:00:00.000Z", now)).toBe("just now");
    expect(fromNow("2026-03-10T04:00:00.000Z", now)).toBe("yesterday");
  });
});

describe("the viewer's own zone", () => {
  it("once signed in, instants and today are shown in the profile's zone, not the browser's", () => {
    const at = "2026-03-11T02:30:00.000Z";
    try {
      setViewerTimeZone("America/Los_Angeles");
      expect(formatDateTime(at)).toBe("Mar 10, 2026, 7:30 PM");
      expect(formatInstantDate(at)).toBe("Mar 10, 2026");
      expect(dayIn(new Date(at))).toBe("2026-03-10");
      // An explicit zone still wins.
      expect(formatDateTime(at, { timeZone: "Asia/Tokyo" })).toBe("Mar 11, 2026, 11:30 AM");
      setViewerTimeZone("Asia/Tokyo");
      expect(dayIn(new Date(at))).toBe("2026-03-11");
    } finally {
      setViewerTimeZone(undefined);
    }
  });
});

describe("readableDays", () => {
  it("writes the days in server text the way the screens do, and leaves instants and other numbers alone", () => {
    expect(readableDays("The prescription is valid from 2026-03-01; this session is dated 2026-02-28")).toBe(
      "The prescription is valid from Mar 1, 2026; this session is dated Feb 28, 2026",
    );
    expect(readableDays("Goal 'Pain' by-date 2026-03-01 → 2026-04-15")).toBe(
      "Goal 'Pain' by-date Mar 1, 2026 → Apr 15, 2026",
    );
    expect(readableDays("at 2026-03-01T10:00:00Z")).toBe("at 2026-03-01T10:00:00Z");
    expect(readableDays("NPI 1234567893, ref 2026-13-45")).toBe("NPI 1234567893, ref 2026-13-45");
  });
});
