import { GOAL_MEASURE_INFO, type GoalMeasure } from "@mm/domain";
import type { SeriesPoint } from "./types";

/** Where a measurement came from; each source is its own line so before/after-session pain do not zigzag. */
export type PointSource = SeriesPoint["source"];

export const SOURCE_LABELS: Record<PointSource, string> = {
  request: "Request",
  session_before: "Before session",
  session_after: "After session",
  patient_report: "Patient report",
};

/**
 * Lines differ by dash pattern as well as colour (WCAG 1.4.1), and every colour has at least 3:1 contrast on
 * white (WCAG 1.4.11).
 */
export const SOURCE_STYLE: Record<PointSource, { color: string; strokeDasharray?: string }> = {
  request: { color: "gray.7" },
  session_before: { color: "orange.9" },
  session_after: { color: "blue.8", strokeDasharray: "6 4" },
  patient_report: { color: "violet.8", strokeDasharray: "2 3" },
};

export const SOURCE_ORDER: PointSource[] = ["request", "session_before", "session_after", "patient_report"];

export type ChartRow = { t: number } & Partial<Record<PointSource, number>>;

/** One row per instant, one column per source (a session's before and after share their instant). */
export function toChartRows(points: readonly SeriesPoint[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  for (const p of points) {
    const t = Date.parse(p.at);
    if (Number.isNaN(t)) continue;
    const row = rows.get(t) ?? { t };
    row[p.source] = p.value;
    rows.set(t, row);
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

export function sourcesIn(points: readonly SeriesPoint[]): PointSource[] {
  const present = new Set(points.map((p) => p.source));
  return SOURCE_ORDER.filter((s) => present.has(s));
}

/** A calendar day ('YYYY-MM-DD') as the instant of its UTC midnight, on the same axis as the timestamps. */
export function dayToTime(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

const DAY_MS = 86_400_000;

/** The x range: every measurement, and the goal's by-date so the deadline is on the chart. */
export function timeDomain(rows: readonly ChartRow[], byDate?: string | null): [number, number] {
  const times = rows.map((r) => r.t);
  if (byDate) times.push(dayToTime(byDate));
  if (times.length === 0) return [Date.now() - DAY_MS, Date.now() + DAY_MS];
  const min = Math.min(...times);
  const max = Math.max(...times);
  return min === max ? [min - DAY_MS, max + DAY_MS] : [min, max + DAY_MS / 2];
}

/** 0-10 scales keep their full range (so a drop from 6 to 3 looks like what it is); others fit their values. */
export function valueDomain(measure: GoalMeasure | null, values: readonly number[]): [number, number] {
  const info = measure ? GOAL_MEASURE_INFO[measure] : null;
  if (info && info.min === 0 && info.max === 10) return [0, 10];
  const max = Math.max(1, ...values);
  return [0, Math.ceil(max * 1.15)];
}

/** The latest figure that says how the patient is doing (pain right after treatment is not a fair "latest"). */
export function latestPoint(points: readonly SeriesPoint[]): SeriesPoint | null {
  const fair = points.filter((p) => p.source !== "session_after");
  return fair.at(-1) ?? null;
}
