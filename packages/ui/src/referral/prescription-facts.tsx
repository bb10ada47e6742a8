import { Alert, Text } from "@mantine/core";
import { BODY_REGION_LABELS, CPT_LABELS, ICD10_LABELS } from "@mm/domain";
import { type Fact, FactItems, UserText } from "./fact-list";
import { formatDay, labelOf, plural } from "./format";
import type { Prescription } from "./types";

export const diagnosisText = (code: string) => `${code}: ${labelOf(ICD10_LABELS, code)}`;
export const procedureText = (code: string) => `${code}: ${labelOf(CPT_LABELS, code)}`;

export function frequencyText(rx: Pick<Prescription, "sessionsPerWeek" | "weeks">): string {
  const perWeek = rx.sessionsPerWeek === 1 ? "1 session a week" : `${rx.sessionsPerWeek} sessions a week`;
  return `${perWeek} for ${plural(rx.weeks, "week")}`;
}

/** What the physician prescribed, the same on the card and on the printed prescription. */
export function prescriptionFacts(rx: Prescription): Fact[] {
  return [
    { label: "Diagnoses (ICD-10-CM)", value: <FactItems items={rx.diagnosisCodes.map(diagnosisText)} /> },
    { label: "Frequency", value: frequencyText(rx) },
    { label: "Sessions authorized", value: String(rx.totalSessions) },
    { label: "Procedure codes (CPT)", value: <FactItems items={rx.cptCodes.map(procedureText)} /> },
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
