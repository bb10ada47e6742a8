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
  if (field === "name" && CONTROL.test(value)) return "name contains characters that are not allowed";
  return null;
}
