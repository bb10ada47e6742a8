import { z } from "zod";

/**
 * Zod field builders shared by this package's input schemas, so every message names its field the same way.
 * `label` is the plain-English name shown to people ("Description", "Pain now").
 *
 * Every input is bounded to what its column can store, here at the boundary: PostgreSQL refuses a NUL in text and
 * a lone surrogate in JSON, an out-of-range `real`, `integer` or date, and each of those used to surface as a 500.
 */

// Control characters other than tab, line feed and carriage return (which typed text may contain).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (lone or reversed). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` cannot be stored as text, or null when it can. */
export function textProblem(s: string): "control_character" | "unpaired_surrogate" | null {
  if (CONTROL_CHARACTER.test(s)) return "control_character";
  if (UNPAIRED_SURROGATE.test(s)) return "unpaired_surrogate";
  return null;
}

/**
 * The base of every text field: a string without control characters or unpaired UTF-16 surrogates. Chain
 * `.trim()`, `.min()`, `.max()`, `.regex()` on it as on `z.string()`.
 */
export const textField = (label: string, error = `${label} must be text`) =>
  z
    .string({ error })
    .refine((s) => !CONTROL_CHARACTER.test(s), `${label} cannot contain control characters`)
    .refine((s) => !UNPAIRED_SURROGATE.test(s), `${label} contains a character that is not valid text`);

/** Largest value of a PostgreSQL `integer` column. */
export const INT4_MAX = 2_147_483_647;
/** A `real` column holds about 3.4e38 at most and nothing closer to zero than ~1e-38; sane inputs stay far away. */
const REAL_TINY = 1e-6;

/** Earliest and latest calendar day any date field accepts (PostgreSQL has no year 0; nothing here predates 1900). */
export const MIN_DATE = "1900-01-01";
export const MAX_DATE = "2100-12-31";
const DATE_RANGE_MESSAGE = `Use a date between ${MIN_DATE} and ${MAX_DATE}`;

const notBeforeMinDate = (d: string) => d >= MIN_DATE;

/** Plain calendar date, `YYYY-MM-DD`, between MIN_DATE and MAX_DATE. */
export const isoDateField = () =>
  z.iso
    .date({ error: "Use a date like 2026-01-31" })
    .pipe(z.string().refine((d) => notBeforeMinDate(d) && d <= MAX_DATE, DATE_RANGE_MESSAGE));

/**
 * An ISO date-time with offset, not before MIN_DATE (UTC). Its only caller refuses the future, which bounds it
 * above; `z.iso.datetime` already limits the year to four digits.
 */
export const isoDateTimeField = (error: string) =>
  z.iso
    .datetime({ offset: true, error })
    .pipe(
      z
        .string()
        .refine(
          (v) =>
            Date.parse(v) >= Date.parse(`${MIN_DATE}T00:00:00Z`) &&
            Date.parse(v) <= Date.parse(`${MAX_DATE}T23:59:59.999Z`),
          DATE_RANGE_MESSAGE,
        ),
    );

/** An event sequence number sent back as a cursor: a non-negative safe integer, in decimal. */
export const seqCursorField = (name: string) =>
  z
    .string({ error: `${name} must be an event number` })
    .regex(/^\d{1,15}$/, `${name} must be an event number`);

/** An opaque page cursor as received (decoded and checked by the API). */
export const pageCursorField = () =>
  z
    .string({ error: "cursor must be text" })
    .max(200, "cursor must be at most 200 characters")
    .regex(/^[A-Za-z0-9_-]*$/, "This page link is no longer valid: reload the list");

/** A UUID reference: "referralId must be a valid id". */
export const idField = (name: string) => z.uuid({ error: `${name} must be a valid id` });

/** Optional stale-page check on mutations: the version of the record the person was looking at. */
export const expectedVersionField = () =>
  z
    .number({ error: "expectedVersion must be a number" })
    .int("expectedVersion must be a whole number")
    .min(0, "expectedVersion must be 0 or more")
    .max(INT4_MAX, "expectedVersion is too large")
    .optional();

/** Required text, trimmed, 1..max characters. */
export const requiredText = (label: string, max: number) =>
  textField(label, `${label} is required`)
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** Text that may be empty (defaults to ""), trimmed, at most max characters. */
export const freeText = (label: string, max: number) =>
  textField(label).trim().max(max, `${label} must be at most ${max} characters`).default("");

/** Optional text, trimmed, at most max characters. */
export const optionalText = (label: string, max: number) =>
  textField(label).trim().max(max, `${label} must be at most ${max} characters`).optional();

/** A whole number between min and max inclusive (min..max must fit an `integer` column). */
export const intInRange = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);

/**
 * Any finite number between min and max inclusive, stored in a `real` column: a non-zero value closer to zero
 * than 0.000001 (5e-324 and the like) is refused rather than silently lost or refused by the database.
 */
export const numberInRange = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`)
    .refine((v) => v === 0 || Math.abs(v) >= REAL_TINY, `${label} is too small: use 0 or a larger value`);

/** A list of 1..max (or min..max) distinct items. */
export const uniqueList = <T extends z.ZodType>(item: T, label: string, min: number, max: number) =>
  z
    .array(item, { error: `${label} must be a list` })
    .min(
      min,
      min === 1 ? `Choose at least one ${singular(label)}` : `Choose at least ${min} ${label.toLowerCase()}`,
    )
    .max(max, `Choose at most ${max} ${label.toLowerCase()}`)
    .refine((xs) => new Set(xs).size === xs.length, `Each ${singular(label)} may be listed only once`);

/** A list of short free-text entries (conditions, medications, techniques). */
export const textList = (label: string, maxItems: number, maxLength: number) =>
  z
    .array(
      textField(`Each entry in ${label.toLowerCase()}`)
        .trim()
        .min(1, `Entries in ${label.toLowerCase()} cannot be empty`)
        .max(maxLength, `Each entry in ${label.toLowerCase()} must be at most ${maxLength} characters`),
      { error: `${label} must be a list` },
    )
    .max(maxItems, `At most ${maxItems} entries in ${label.toLowerCase()}`);

function singular(label: string): string {
  const l = label.toLowerCase();
  return l.endsWith("s") ? l.slice(0, -1) : l;
}
