import { z } from "zod";
import { intInRange, pageCursorField } from "./fields";

/**
 * The patient's accounting of disclosures: who viewed or changed their record, in plain words. The audit trail
 * stores action names only (never health data); this turns them into what a patient can read.
 */
export const myRecordSchema = z
  .object({ cursor: pageCursorField().optional(), limit: intInRange("limit", 1, 100).default(50) })
  .default({ limit: 50 });
export type MyRecordInput = z.infer<typeof myRecordSchema>;

const ACTION_LABELS: Record<string, string> = {
  "referral.create": "Created your request for massage",
  "referral.read": "Viewed your referral",
  "referral.list": "Saw your referral in their list",
  "referral.requestInfo": "Asked you a question about your referral",
  "referral.respond": "Answered a question on your referral",
  "referral.decline": "Declined your request",
  "referral.cancel": "Cancelled your request",
  "referral.signPrescription": "Signed your prescription",
  "referral.chooseTherapist": "Chose a therapist for your referral",
  "referral.accept": "Accepted your referral",
  "referral.turnDown": "Turned down your referral",
  "referral.activatePlan": "Put your plan of care into effect",
  "referral.logSession": "Recorded a treatment session",
  "referral.report": "Added a progress report",
  "referral.renew": "Renewed your prescription",
  "referral.complete": "Completed your treatment",
  "referral.discontinue": "Discontinued your treatment",
  "referral.withdraw": "Withdrew from your referral",
  "referral.expire": "Closed your referral when the prescription expired",
  "referral.postMessage": "Posted a message on your referral",
  "referral.recordMissedVisit": "Recorded a cancelled or missed visit",
  "session.amend": "Added an addendum to a treatment session note",
  "timeline.list": "Read your referral's timeline",
  "timeline.subscribe": "Followed your referral's timeline live",
  "plan.read": "Viewed your plan of care",
  "plan.update": "Changed your plan of care",
  "plan.approve": "Approved your plan of care",
  "plan.acknowledge": "Acknowledged your plan of care",
  "prescription.verify": "Checked your prescription's signature",
  "progress.series": "Viewed your progress",
  "progress.summary": "Viewed your progress summary",
  "progress.share": "Shared a progress report with your physician",
  "session.list": "Viewed your treatment session notes",
  "missed_visit.list": "Viewed your cancelled or missed visits",
  "directory.therapists_for_referral": "Looked for a therapist for your referral",
  "coverage.get": "Viewed your insurance details",
  "coverage.upsert": "Updated your insurance details",
  "me.get": "Viewed your profile",
  "profile.update": "Changed your profile",
  "document.prescription_pdf": "Downloaded your prescription",
  "document.letter_pdf": "Downloaded your letter of medical necessity",
  "document.superbill_pdf": "Downloaded your superbill",
  "document.record_zip": "Downloaded your whole record",
  "fhir.referral": "Exported your referral for another health system (FHIR)",
  "fhir.patient_everything": "Exported your whole record for another health system (FHIR)",
  "letter.draft": "Drafted a letter of medical necessity",
  "letter.sign": "Signed a letter of medical necessity",
  "letter.list": "Saw the letters of medical necessity",
  "file.upload": "Attached a file to your referral",
  "file.view": "Opened a file on your referral",
  "file.list": "Saw the files on your referral",
};

/** Downloads, exports and drafts read the record without changing it. */
const DOCUMENT_READS = /^(document\.|fhir\.)|^(file\.view|letter\.draft)$/;

/** "Viewed your plan of care"; an action without a label still says that the record was accessed. */
export function disclosureLabel(action: string): string {
  return ACTION_LABELS[action] ?? "Accessed your record";
}

/** Whether an audited action changed the record (as opposed to only reading it). */
export function disclosureChanged(action: string): boolean {
  if (DOCUMENT_READS.test(action)) return false;
  return !/\.(read|list|get|subscribe|series|summary|verify|therapists_for_referral)$/.test(action);
}

/** Who acted, as a patient reads it. `system` is the server itself (a prescription's expiry). */
export const DISCLOSURE_ROLE_LABELS: Record<string, string> = {
  patient: "Patient",
  physician: "Physician",
  therapist: "Massage therapist",
  admin: "Operator",
  system: "Automatic",
};
