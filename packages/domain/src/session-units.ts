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

export type ServiceMinutes = { cptCode: string; minutes: number };
export type ServiceUnits = ServiceMinutes & { units: number };
export type VisitUnits = { totalMinutes: number; totalUnits: number; services: ServiceUnits[] };

/**
 * Units of a visit with several timed services (97124 and 97140), by the CMS rule: the visit's total units come from
 * its TOTAL timed minutes (`cptUnits`), then go to the services by their minutes: each service first gets its whole
 * 15-minute units, and the units left go one each to the services with the most remaining minutes (ties: the one
 * with more minutes overall, then the order given). E.g. 33 min 97140 + 7 min 97124 = 40 min = 3 units: 97140 2,
 * 97124 1 (7 remaining minutes beat 3).
 */
export function visitUnits(services: readonly ServiceMinutes[]): VisitUnits {
  for (const s of services) cptUnits(s.minutes);
  const totalMinutes = services.reduce((n, s) => n + s.minutes, 0);
  const totalUnits = cptUnits(totalMinutes);
  const units = services.map((s) => Math.floor(s.minutes / 15));
  let left = totalUnits - units.reduce((n, u) => n + u, 0);
  const order = services
    .map((s, i) => ({ i, rest: s.minutes % 15, minutes: s.minutes }))
    .sort((a, b) => b.rest - a.rest || b.minutes - a.minutes || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    units[i] = (units[i] ?? 0) + 1;
    left -= 1;
  }
  return {
    totalMinutes,
    totalUnits,
    services: services.map((s, i) => ({ cptCode: s.cptCode, minutes: s.minutes, units: units[i] ?? 0 })),
  };
}
