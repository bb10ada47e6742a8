import { type ServiceUnits, visitUnits } from "@mm/domain";

/** A stored visit as the documents read it: the `services` column, and the single code and units of older rows. */
export type StoredVisit = {
  cptCode: string;
  units: number;
  minutes: number;
  services: readonly { cptCode: string; minutes: number }[] | null;
};

/**
 * The services a visit bills, each with its units: a visit with `services` gets them by the domain's rule (CMS
 * 8-minute rule over the visit's total timed minutes, `visitUnits`); a row logged before visits listed services
 * (an empty list) bills its one `cpt_code` with its stored `units` over the whole session.
 */
export function billedServices(v: StoredVisit): ServiceUnits[] {
  if (v.services && v.services.length > 0) {
    return visitUnits(v.services.map((s) => ({ cptCode: s.cptCode, minutes: s.minutes }))).services;
  }
  return [{ cptCode: v.cptCode, minutes: v.minutes, units: v.units }];
}
