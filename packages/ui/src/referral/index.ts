/**
 * @mm/ui/referral: the shared referral record as all three portals show it. Charts load on demand (React.lazy), so
 * importing this entry does not pull recharts into a portal's first load.
 */
export { CoverageSummary } from "./coverage-summary";
export { DownloadButton } from "./download-button";
export { FilesPanel } from "./files-panel";
export { JustificationSummary } from "./justification-summary";
export { LetterPanel } from "./letter-panel";
export { MessageComposer } from "./message-composer";
export { NewSinceLastVisit } from "./new-since-last-visit";
export { PlanPanel } from "./plan-panel";
export { PrescriptionCard } from "./prescription-card";
export { PrescriptionDocument } from "./prescription-document";
export { ProgressPanel } from "./progress-panel";
export { ReferralFacts } from "./referral-facts";
export { ReferralTimeline } from "./referral-timeline";
export { SessionList, SessionsPanel } from "./session-list";
export { StatusBadge } from "./status-badge";
export { SuperbillPanel } from "./superbill-panel";
export type {
  Coverage,
  Plan,
  Prescription,
  ProgressSeries,
  ProgressSummary,
  Referral,
  SessionRecord,
} from "./types";
