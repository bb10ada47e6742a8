/**
 * @mm/ui/referral-page: building blocks of a portal's referral page (load-by-address gate, header, action dialog,
 * stale-page alert, formatting), shared by the physician and therapist portals.
 */
export { ActionModal, type ActionModalProps, fieldError } from "./action-modal";
export { CONFLICT_TITLE, ConflictAlert } from "./conflict-alert";
export { ageFrom, formatDate, formatDateTime, formatDay, kindLabel, patientLine, regionList } from "./format";
export { ReferralHeader } from "./referral-header";
export { type Referral, ReferralGate, useReferralQuery, useReferralUpdated } from "./referral-query";
