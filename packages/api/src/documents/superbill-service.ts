import type { Db } from "@mm/db";
import {
  addDays,
  assertSuperbillRange,
  type FeeSetInput,
  lineCharge,
  ruleViolation,
  type SuperbillLine,
  type SuperbillQuery,
  superbillTotals,
} from "@mm/domain";
import type { SessionUser } from "../context";
import { prescriptionInForce } from "../queries/prescription";
import { loadReferral } from "../queries/referral";
import { audit } from "../services/audit";
import { feesOf, replaceFees, superbillParties, visitsBetween } from "./document-queries";
import { billedServices } from "./visit-services";

/** fee.get: the signed-in therapist's fee per CPT unit. */
export const getFees = (db: Db, me: SessionUser) => feesOf(db, me.id);

/** fee.set: replaces the therapist's fee list. */
export async function setFees(db: Db, me: SessionUser, input: FeeSetInput) {
  await db.transaction((tx) => replaceFees(tx, me.id, input.fees));
  return feesOf(db, me.id);
}

/**
 * Everything the superbill prints, for a party of the referral: dates are whole UTC days, `to` included. Each visit
 * bills a line per service (`billedServices`: units by the 8-minute rule over the visit's total). A code billed
 * without a fee refuses the superbill (an empty charge would be sent to an insurer), naming the code.
 */
export async function superbillData(db: Db, me: SessionUser, q: SuperbillQuery) {
  assertSuperbillRange(q);
  const current = await loadReferral(db, me, q.referralId);
  const rx = await prescriptionInForce(db, current.id);
  if (!rx || !current.therapistId) {
    throw ruleViolation(
      "superbill.no_treatment",
      "A superbill needs a prescription and a therapist on the referral.",
    );
  }
  const [parties, visits, fees] = await Promise.all([
    superbillParties(db, current.patientId, current.therapistId),
    visitsBetween(db, {
      referralId: current.id,
      therapistId: current.therapistId,
      from: new Date(`${q.from}T00:00:00.000Z`),
      toExclusive: new Date(`${addDays(q.to, 1)}T00:00:00.000Z`),
    }),
    feesOf(db, current.therapistId),
  ]);
  const feeOf = new Map(fees.map((f) => [f.cptCode, f.centsPerUnit]));
  const lines = visits.map((v) => {
    const services = billedServices(v);
    // Services that earned units are billed; a visit under the 8 minutes of a unit still shows its 0-unit line.
    const billed = services.some((s) => s.units > 0) ? services.filter((s) => s.units > 0) : services;
    const visitLines = billed.map((s): SuperbillLine => {
      const centsPerUnit = feeOf.get(s.cptCode);
      if (centsPerUnit === undefined) {
        throw ruleViolation(
          "superbill.fee_missing",
          `The therapist has not recorded a fee per unit for CPT ${s.cptCode}.`,
        );
      }
      return {
        cptCode: s.cptCode,
        units: s.units,
        centsPerUnit,
        chargeCents: lineCharge(s.units, centsPerUnit),
      };
    });
    return { ...v, date: v.occurredAt.toISOString().slice(0, 10), lines: visitLines };
  });
  // The visits' own diagnoses (a renewal may have changed them), else the current prescription's.
  const diagnosisCodes = [
    ...new Set(visits.length ? visits.flatMap((v) => v.diagnosisCodes) : rx.diagnosisCodes),
  ];
  await audit(db, me, { action: "document.superbill_pdf", referralId: current.id, entity: "superbill" });
  return {
    query: q,
    referralId: current.id,
    ...parties,
    physician: { name: rx.physicianName, npi: rx.physicianNpi },
    diagnosisCodes,
    visits: lines,
    totals: superbillTotals(lines.flatMap((v) => v.lines)),
  };
}

export type SuperbillData = Awaited<ReturnType<typeof superbillData>>;
