/** @mm/ui/forms: forms validated by the server's own zod schemas, and server errors shown under their fields. */

export { browserTimeZone } from "./browser-time-zone";
export { CharacterCount, LongTextarea } from "./character-count";
export { clearAllDrafts, type DraftStore, draftStore } from "./draft";
export {
  FormActions,
  StateSelect,
  TimeZoneSelect,
  US_STATE_OPTIONS,
  useProfileForm,
  useSaveProfile,
} from "./profile";
export { applyServerErrors, blankToUndefined, maxLengthOf, zodValidate } from "./validation";
export { wordStartFilter } from "./word-search";
