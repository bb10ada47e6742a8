/**
 * The browser's own zone, the default at sign-up and for a profile that has none yet. A file of its own: the
 * sign-up page needs it without the profile form's pickers (Select and its popover) in the sign-in download.
 */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
