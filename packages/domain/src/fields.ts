import { z } from "zod";

/**
 * Zod field builders shared by this package's input schemas, so every message names its field the same way.
 * `label` is the plain-English name shown to people ("Description", "Pain now").
 */

/** A UUID reference: "referralId must be a valid id". */
export const idField = (name: string) => z.uuid({ error: `${name} must be a valid id` });

/** Optional stale-page check on mutations: the version of the record the person was looking at. */
export const expectedVersionField = () =>
  z
    .number({ error: "expectedVersion must be a number" })
    .int("expectedVersion must be a whole number")
    .min(0, "expectedVersion must be 0 or more")
    .optional();

/** Required text, trimmed, 1..max characters. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** Text that may be empty (defaults to ""), trimmed, at most max characters. */
export const freeText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .default("");

/** Optional text, trimmed, at most max characters. */
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional();

/** A whole number between min and max inclusive. */
export const intInRange = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);

/** Any finite number between min and max inclusive. */
export const numberInRange = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .min(min, `${label} must be between ${min} and ${max}`)
    .max(max, `${label} must be between ${min} and ${max}`);

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
      z
        .string({ error: `Each entry in ${label.toLowerCase()} must be text` })
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
