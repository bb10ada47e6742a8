import { Alert, Text } from "@mantine/core";
import { BODY_REGION_LABELS, CPT_LABELS, ICD10_LABELS } from "@mm/domain";
import { useOptionalMe } from "../me";
import { type Fact, FactItems, UserText } from "./fact-list";
import { formatDay, labelOf, plural } from "./format";
import type { Prescription } from "./types";

/** The seal (a hash of the signed content), said without the cryptography. */
export const SEALED_SENTENCE = "This prescription is signed and sealed; any change would show.";

/** Patients get plain words; clinicians (and anyone else) the codes first. */
export function useAudience(): Audience {
  return useOptionalMe()?.user.role === "patient" ? "patient" : "clinician";
}

/** Who reads: clinicians read codes first; a patient reads the meaning, with the code beside it for the insurer. */
export type Audience = "patient" | "clinician";

export const diagnosisText = (code: string, audience: Audience = "clinician") =>
  audience === "patient"
    ? `${labelOf(ICD10_LABELS, code)} (${code})`
    : `${code}: ${labelOf(ICD10_LABELS, code)}`;
export const procedureText = (code: string, audience: Audience = "clinician") =>
  audience === "patient" ? `${labelOf(CPT_LABELS, code)} (${code})` : `${code}: ${labelOf(CPT_LABELS, code)}`;

export function frequencyText(rx: Pick<Prescription, "sessionsPerWeek" | "weeks">): string {
  const perWeek = rx.sessionsPerWeek === 1 ? "1 session a week" : `${rx.sessionsPerWeek} sessions a week`;
  return `${perWeek} for ${plural(rx.weeks, "week")}`;
}

/** What the physician prescribed, the same on the card and on the printed prescription (in the reader's words). */
export function prescriptionFacts(rx: Prescription, audience: Audience = "clinician"): Fact[] {
  const patient = audience === "patient";
  return [
    {
      label: patient ? "What it treats (diagnosis codes)" : "Diagnoses (ICD-10-CM)",
      value: <FactItems items={rx.diagnosisCodes.map((c) => diagnosisText(c, audience))} />,
    },
    { label: "Frequency", value: frequencyText(rx) },
    { label: "Sessions authorized", value: String(rx.totalSessions) },
    {
      label: patient ? "Treatment (procedure codes)" : "Procedure codes (CPT)",
      value: <FactItems items={rx.cptCodes.map((c) => procedureText(c, audience))} />,
    },
    {
      label: "Body regions",
      value: <FactItems items={rx.bodyRegions.map((r) => labelOf(BODY_REGION_LABELS, r))} />,
    },
    { label: "Valid", value: `${formatDay(rx.validFrom)} to ${formatDay(rx.expiresOn)}` },
  ];
}

/** Precautions are safety information for the therapist: highlighted whenever there are any. */
export function PrecautionsNotice({ precautions }: { precautions: string }) {
  if (!precautions.trim()) {
    return (
      <Text size="sm">
        <Text span fw={600}>
          Precautions:
        </Text>{" "}
        none noted.
      </Text>
    );
  }
  return (
    <Alert color="orange" variant="light" title="Precautions and contraindications">
      <UserText>{precautions}</UserText>
    </Alert>
  );
}
