import { describe, expect, it } from "vitest";
import {
  addDays,
  dayIn,
  formatDateTime,
  formatDay,
  formatDayTick,
  formatInstantDate,
  fromNow,
  setViewerTimeZone,
} from "./dates";

describe("calendar days", () => {
  it("shows the day itself, never shifted by a zone", () => {
    expect(formatDay("2026-03-03")).toBe("Mar 3, 2026");
    expect(formatDayTick(Date.parse("2026-03-03T00:00:00Z"))).toBe("Mar 3");
    expect(formatDay(null)).toBe("Not given");
    expect(formatDay("soon")).toBe("soon");
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
