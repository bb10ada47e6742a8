/**
 * @mm/ui/referral-page: the kit of a portal's referral page, shared by the three portals: the load-by-address
 * gate, header, action dialog, the error/conflict alert, `useReferralMutation` (every change to a referral) and
 * formatting.
 */
export { ActionModal, type ActionModalProps, fieldError } from "./action-modal";
export {
  addDays,
  addDaysLocal,
  ageFrom,
  asSentence,
  formatDate,
  formatDateTime,
  formatDay,
  fromNow,
  kindLabel,
  localToday,
  patientLine,
  plural,
  regionList,
} from "./format";
export { CONFLICT_TITLE, ConflictAlert, ReferralErrorAlert } from "./referral-alert";
export { ReferralHeader } from "./referral-header";
export { type Referral, ReferralGate, type ReferralGateText, useReferralQuery } from "./referral-query";
export {
  envelopeOf,
  type ReferralEnvelope,
  type ReferralMutation,
  type ReferralMutationConfig,
  useReferralMutation,
  useRefreshReferral,
} from "./use-referral-mutation";
