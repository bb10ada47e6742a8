import type { Fact } from "./fact-list";
import { formatInstantDate } from "./format";
import type { ProgressSummary } from "./types";

/** Attendance figures of the justification summary, shared by the on-screen panel and the printed letter. */
export function attendanceFacts(summary: ProgressSummary): Fact[] {
  const s = summary.sessions;
  return [
    // Capped and explained by the domain ("2 of 2 planned ..., plus 1 more than planned"), never "3 of 2 planned".
    { label: "Sessions attended", value: summary.adherence.text },
    {
      label: "Adherence",
      value: s.adherencePercent === null ? "Not yet measurable" : `${s.adherencePercent}%`,
    },
    { label: "Sessions authorized", value: `${s.used} used of ${s.authorized}` },
    { label: "Visits that did not take place", value: summary.missedVisits.text },
    {
      label: "Last patient report",
      value: summary.lastPatientReportAt ? formatInstantDate(summary.lastPatientReportAt) : "None yet",
    },
    {
      label: "Last progress report to the physician",
      value: summary.lastProgressReportAt ? formatInstantDate(summary.lastProgressReportAt) : "None yet",
    },
  ];
}
