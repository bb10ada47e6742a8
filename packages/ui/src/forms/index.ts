/** @mm/ui/forms: forms validated by the server's own zod schemas, and server errors shown under their fields. */
export {
  browserTimeZone,
  FormActions,
  StateSelect,
  TimeZoneSelect,
  US_STATE_OPTIONS,
  useProfileForm,
  useSaveProfile,
} from "./profile";
export { applyServerErrors, blankToUndefined, zodValidate } from "./validation";
