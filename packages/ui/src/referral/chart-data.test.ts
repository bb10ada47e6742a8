import { describe, expect, test } from "vitest";
import { latestPoint, sourcesIn, timeDomain, toChartRows, valueDomain } from "./chart-data";
import type { SeriesPoint } from "./types";

const points: SeriesPoint[] = [
  { at: "2026-01-01T10:00:00.000Z", value: 6, source: "request" },
  { at: "2026-01-08T17:30:00.000Z", value: 6, source: "session_before" },
  { at: "2026-01-08T17:30:00.000Z", value: 4, source: "session_after" },
  { at: "2026-01-10T09:00:00.000Z", value: 5, source: "patient_report" },
];

describe("chart data", () => {
  test("a session's before and after share one row; sources keep their own columns", () => {
    const rows = toChartRows(points);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({
      t: Date.parse("2026-01-08T17:30:00.000Z"),
      session_before: 6,
      session_after: 4,
    });
    expect(sourcesIn(points)).toEqual(["request", "session_before", "session_after", "patient_report"]);
  });

  test("the x range reaches the goal's by-date", () => {
    const [min, max] = timeDomain(toChartRows(points), "2026-03-01");
    expect(min).toBe(Date.parse("2026-01-01T10:00:00.000Z"));
    expect(max).toBeGreaterThan(Date.parse("2026-03-01T00:00:00.000Z"));
  });

  test("a single point still gets a range", () => {
    const [min, max] = timeDomain(toChartRows(points.slice(0, 1)));
    expect(max).toBeGreaterThan(min);
  });

  test("0-10 scales show their whole range; others fit their values", () => {
    expect(valueDomain("pain", [3, 6])).toEqual([0, 10]);
    expect(valueDomain("sleep_hours", [5, 7])).toEqual([0, 9]);
  });

  test("latest ignores pain measured right after a session", () => {
    expect(latestPoint(points.slice(0, 3))?.source).toBe("session_before");
    expect(latestPoint(points)?.value).toBe(5);
  });
});
