// C0 controls and DEL; tab and newline are not welcome in a name either.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a text field sent to better-auth cannot be stored, or null. Every string: no NUL and no unpaired UTF-16
 * surrogate; a name: no control character at all.
 */
export function invalidTextField(field: string, value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (value.includes("\u0000") || LONE_SURROGATE.test(value))
    return `${field} contains characters that are not allowed`;
  if ((field === "name" || REDIRECT_FIELDS.has(field)) && CONTROL.test(value))
    return `${field} contains characters that are not allowed`;
  if (REDIRECT_FIELDS.has(field) && !isRedirectTarget(value))
    return `${field} must be a path on this site, such as /patient/`;
  return null;
}

/** Where better-auth sends the browser afterwards; it builds URLs from them and throws (a 500) on anything else. */
const REDIRECT_FIELDS = new Set(["callbackURL", "redirectTo", "newUserCallbackURL", "errorCallbackURL"]);

/** A path on this site ("/…", not "//…" or "/\…"), or an absolute http(s) URL (better-auth checks its origin). */
function isRedirectTarget(value: string): boolean {
  if (value.startsWith("/")) return !/^\/[/\\]/.test(value);
  if (!/^https?:\/\//i.test(value)) return false;
  return URL.canParse(value);
}
