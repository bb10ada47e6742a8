import { z } from "zod";
import { cptCodeSchema } from "./codes";
import { daysBetween } from "./dates";
import { invalidField } from "./errors";
import { idField, intInRange } from "./fields";
import { isoDateSchema } from "./profile";

/**
 * The superbill a patient sends to an insurer or an HSA/FSA administrator: each visit's codes, units and charge at
 * the therapist's fee per unit, over a date range the patient picks.
 */

/** A fee per 15-minute unit of one CPT code, in integer cents (at most $1,000 a unit). */
export const therapistFeeSchema = z.object({
  cptCode: cptCodeSchema,
  centsPerUnit: intInRange("Fee per unit (cents)", 0, 100_000),
});
export const feeSetSchema = z.object({
  fees: z
    .array(therapistFeeSchema, { error: "Fees must be a list" })
    .max(10, "At most 10 fees")
    .refine(
      (xs) => new Set(xs.map((f) => f.cptCode)).size === xs.length,
      "Each CPT code may be listed only once",
    ),
});
export type FeeSetInput = z.infer<typeof feeSetSchema>;

/** A superbill covers at most this many days (a year, leap day included). */
export const SUPERBILL_MAX_DAYS = 366;

export const superbillQuerySchema = z.object({
  referralId: idField("referralId"),
  from: isoDateSchema,
  to: isoDateSchema,
});
export type SuperbillQuery = z.infer<typeof superbillQuerySchema>;

/** Cross-field checks of a parsed range, each naming its field. */
export function assertSuperbillRange(q: SuperbillQuery): void {
  if (q.to < q.from) throw invalidField("to", "to must be on or after from");
  if (daysBetween(q.from, q.to) + 1 > SUPERBILL_MAX_DAYS)
    throw invalidField("to", `A superbill covers at most ${SUPERBILL_MAX_DAYS} days`);
}

/** CMS place-of-service code for the visits: the therapist's office. */
export const PLACE_OF_SERVICE = { code: "11", label: "Office" } as const;

export type SuperbillLine = { cptCode: string; units: number; centsPerUnit: number; chargeCents: number };

/** One line's charge: units x fee per unit. */
export function lineCharge(units: number, centsPerUnit: number): number {
  if (!Number.isInteger(units) || units < 0) throw invalidField("units", "Units must be a whole number");
  return units * centsPerUnit;
}

export function superbillTotals(lines: readonly SuperbillLine[]) {
  return {
    units: lines.reduce((n, l) => n + l.units, 0),
    chargeCents: lines.reduce((n, l) => n + l.chargeCents, 0),
  };
}
