import { invalidField } from "./errors";

/**
 * Billable units of a timed CPT code (97124, 97140) by the CMS 8-minute rule: a unit is 15 minutes, and a remainder
 * of 8 minutes or more counts as one more unit. 0-7 min = 0 units, 8-22 = 1, 23-37 = 2, 38-52 = 3, and so on.
 */
export function cptUnits(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw invalidField("minutes", "Minutes must be a whole number of 0 or more");
  }
  if (minutes < 8) return 0;
  return Math.floor((minutes - 8) / 15) + 1;
}
