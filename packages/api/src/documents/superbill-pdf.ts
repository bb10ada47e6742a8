import { PLACE_OF_SERVICE } from "@mm/domain";
import { fields, type PdfDocument, table, usd } from "./pdf";
import { cptLabel, icd10Label, printedInstant } from "./prescription-pdf";
import type { SuperbillData } from "./superbill-service";

const credential = (t: SuperbillData["therapist"]) =>
  t.credentialKind && t.credentialKind !== "none"
    ? `${t.credentialKind} ${t.credentialNumber ?? ""} (${t.credentialState ?? "state not on file"})`.replace(
        /\s+/g,
        " ",
      )
    : null;

/** The superbill: patient and coverage, provider, referring physician, diagnoses, each visit's lines, totals. */
export function superbillPdf(d: SuperbillData, now: Date): PdfDocument {
  const rows = d.visits.flatMap((v) =>
    v.lines.map((l) => [
      v.date,
      `${PLACE_OF_SERVICE.code} (${PLACE_OF_SERVICE.label})`,
      `${l.cptCode} ${cptLabel(l.cptCode)}`,
      String(l.units),
      usd(l.centsPerUnit),
      usd(l.chargeCents),
    ]),
  );
  return {
    title: "Superbill",
    createdAt: now,
    content: [
      { text: "Superbill: statement of services for reimbursement", style: "title" },
      fields([
        ["Period", `${d.query.from} to ${d.query.to}`],
        ["Issued", printedInstant(now)],
      ]),
      { text: "Patient", style: "heading" },
      fields([
        ["Name", d.patient.name],
        ["Date of birth", d.patient.dateOfBirth],
        ["Insurer", d.patient.payerName],
        ["Plan", d.patient.planName],
        ["Member id", d.patient.memberId],
        ["Group number", d.patient.groupNumber],
      ]),
      { text: "Provider (rendering therapist)", style: "heading" },
      fields([
        ["Name", d.therapist.name],
        ["Credential", credential(d.therapist)],
        ["NPI", d.therapist.npi],
        ["Phone", d.therapist.phone],
      ]),
      { text: "Referring physician", style: "heading" },
      fields([
        ["Name", d.physician.name],
        ["NPI", d.physician.npi],
      ]),
      { text: "Diagnoses (ICD-10-CM)", style: "heading" },
      table(
        ["Code", "Description"],
        d.diagnosisCodes.map((c) => [c, icd10Label(c)]),
        [70, "*"],
      ),
      { text: "Services", style: "heading" },
      rows.length
        ? table(["Date", "Place of service", "CPT", "Units", "Fee per unit", "Charge"], rows, [
            "auto",
            "auto",
            "*",
            "auto",
            "auto",
            "auto",
          ])
        : { text: "No visits in this period." },
      fields([
        ["Visits", String(d.visits.length)],
        ["Total units", String(d.totals.units)],
        ["Total charges", usd(d.totals.chargeCents)],
      ]),
    ],
  };
}
