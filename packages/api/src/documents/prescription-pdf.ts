import {
  BODY_REGION_LABELS,
  type BodyRegion,
  CPT_LABELS,
  type CptCode,
  ICD10_LABELS,
  type Icd10Code,
} from "@mm/domain";
import type { PrescriptionDocument } from "./document-queries";
import { fields, type PdfDocument, table } from "./pdf";

/** `2026-01-31 15:04:05 UTC`: an unambiguous instant on paper. */
export const printedInstant = (d: Date) => `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;

export const icd10Label = (code: string) => ICD10_LABELS[code as Icd10Code] ?? "description not on file";
export const cptLabel = (code: string) => CPT_LABELS[code as CptCode] ?? "description not on file";

type PracticeAndPatient = Pick<
  PrescriptionDocument,
  | "practice"
  | "practiceAddress"
  | "practicePhone"
  | "practiceState"
  | "licenseNumber"
  | "patientName"
  | "patientDateOfBirth"
>;

/** The blocks a prescription and a letter both open with: the prescriber, the patient, the diagnoses. */
export function prescriberPatientDiagnoses(
  signer: { name: string; npi: string; diagnosisCodes: readonly string[] },
  d: PracticeAndPatient,
) {
  return [
    fields([
      ["Physician", signer.name],
      ["NPI", signer.npi],
      ["Practice", d.practice],
      ["Practice address", d.practiceAddress],
      ["Practice phone", d.practicePhone],
      ["Practice state", d.practiceState],
      ["State license number", d.licenseNumber],
    ]),
    { text: "Patient", style: "heading" },
    fields([
      ["Name", d.patientName],
      ["Date of birth", d.patientDateOfBirth],
    ]),
    { text: "Diagnoses (ICD-10-CM)", style: "heading" },
    table(
      ["Code", "Description"],
      signer.diagnosisCodes.map((c) => [c, icd10Label(c)]),
      [70, "*"],
    ),
  ];
}

/** The prescription as printed: every signed field, the practice's details, and how to verify the hash. */
export function prescriptionPdf(d: PrescriptionDocument, verifyUrl: string, now: Date): PdfDocument {
  const rx = d.rx;
  return {
    title: "Prescription for medical massage therapy",
    createdAt: now,
    content: [
      { text: "Prescription for medical massage therapy", style: "title" },
      { text: "Prescriber", style: "heading" },
      ...prescriberPatientDiagnoses(
        { name: rx.physicianName, npi: rx.physicianNpi, diagnosisCodes: rx.diagnosisCodes },
        d,
      ),
      { text: "Treatment ordered", style: "heading" },
      table(
        ["CPT code", "Description"],
        rx.cptCodes.map((c) => [c, cptLabel(c)]),
        [70, "*"],
      ),
      fields([
        ["Frequency", `${rx.sessionsPerWeek} session(s) per week for ${rx.weeks} week(s)`],
        ["Sessions authorized", String(rx.totalSessions)],
        ["Body regions", rx.bodyRegions.map((r) => BODY_REGION_LABELS[r as BodyRegion] ?? r).join(", ")],
        ["Precautions", rx.precautions || "None"],
        ["Valid", `from ${rx.validFrom} through ${rx.expiresOn}`],
        ["Renews prescription", rx.previousPrescriptionId ?? "none (original prescription)"],
      ]),
      { text: "Signature", style: "heading" },
      fields([
        ["Attestation", "The physician attested that massage therapy is medically necessary."],
        ["Signed by", rx.signature],
        ["Signed at", printedInstant(rx.signedAt)],
      ]),
      { text: "Verification", style: "heading" },
      fields([
        ["Prescription id", rx.id],
        ["Content hash (SHA-256)", rx.contentHash],
      ]),
      {
        text: [
          { text: "Verify at: ", style: "label" },
          { text: verifyUrl, link: verifyUrl },
        ],
      },
    ],
  };
}
