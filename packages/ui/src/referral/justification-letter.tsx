import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import {
  BODY_REGION_LABELS,
  CPT_LABELS,
  ICD10_LABELS,
  REFERRAL_KIND_LABELS,
  SYMPTOM_LABELS,
} from "@mm/domain";
import { FactItems, FactList } from "./fact-list";
import { formatDay, formatInstantDate, labelOf, listOr, plural } from "./format";
import { GoalProgressTable } from "./goal-progress-table";
import type { HeadingOrder } from "./panel";
import { subHeading } from "./panel";
import { frequencyText } from "./prescription-facts";
import { PrintButton } from "./print-button";
import { usePrintMode } from "./print-mode";
import { attendanceFacts } from "./summary-facts";
import type { ProgressSummary, Referral } from "./types";

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Why massage, in one paragraph built from what the patient reported when they asked for it. */
function reasonText(referral: Referral): string {
  const kind = lower(labelOf(REFERRAL_KIND_LABELS, referral.kind)).replace(/ \(.*\)$/, "");
  const regions = listOr(
    referral.bodyRegions.map((r) => lower(labelOf(BODY_REGION_LABELS, r))),
    "the body",
  );
  const symptoms = listOr(
    referral.symptoms.map((s) => lower(labelOf(SYMPTOM_LABELS, s))),
    "pain",
  );
  return (
    `${referral.patient.name} presented with ${kind} symptoms affecting the ${regions} (${symptoms}), ` +
    `rating pain ${referral.painNow}/10 and evening pain ${referral.eveningPain}/10, sleeping ` +
    `${plural(referral.sleepHours, "hour")} a night and taking ${plural(referral.medicationDosesPerDay, "dose")} ` +
    "of pain medication a day. Therapeutic massage is prescribed to reduce pain and muscle tension, improve sleep " +
    "and reduce reliance on pain medication, measured against the goals below."
  );
}

/** The justification summary as a letter of medical necessity (insurer, HSA/FSA), printable as a PDF. */
export function JustificationLetter({
  summary,
  referral,
  headingOrder,
}: {
  summary: ProgressSummary;
  referral: Referral;
  headingOrder: HeadingOrder;
}) {
  usePrintMode();
  const rx = referral.currentPrescription;
  const physician = referral.physician;
  const sub = subHeading(headingOrder);
  return (
    <Stack gap="md">
      <Group className="mm-no-print">
        <PrintButton />
      </Group>
      <Paper
        component="article"
        className="mm-print-root"
        withBorder
        p="xl"
        radius="md"
        aria-label="Letter of medical necessity"
      >
        <Stack gap="lg">
          <Stack gap={2} className="mm-letterhead">
            <Text fw={700} size="xl">
              {physician.name}
            </Text>
            {physician.practice ? <Text>{physician.practice}</Text> : null}
            {physician.npi ? <Text size="sm">NPI {physician.npi}</Text> : null}
          </Stack>
          <Title order={headingOrder} size="h3">
            Letter of medical necessity: massage therapy
          </Title>
          <FactList
            facts={[
              { label: "Date", value: formatInstantDate(summary.generatedAt) },
              { label: "Patient", value: summary.patientName },
              { label: "Date of birth", value: formatDay(referral.patient.dateOfBirth) },
            ]}
          />
          <Title order={sub} size="h4">
            Condition
          </Title>
          <FactItems
            items={(rx?.diagnosisCodes ?? []).map((c) => `${c}: ${labelOf(ICD10_LABELS, c)}`)}
            empty="No prescription signed yet."
          />
          <Title order={sub} size="h4">
            Why massage therapy
          </Title>
          <Text>{reasonText(referral)}</Text>
          <Title order={sub} size="h4">
            Frequency and duration
          </Title>
          {rx ? (
            <Text>
              {frequencyText(rx)} ({plural(rx.totalSessions, "session")} authorized), from{" "}
              {formatDay(rx.validFrom)} to {formatDay(rx.expiresOn)}, billed as{" "}
              {listOr(rx.cptCodes.map((c) => `${c} (${labelOf(CPT_LABELS, c)})`))}.
            </Text>
          ) : (
            <Text>No prescription signed yet.</Text>
          )}
          <Title order={sub} size="h4">
            Progress
          </Title>
          {summary.goals.length > 0 ? (
            <GoalProgressTable goals={summary.goals} caption="Measurable goals: baseline and latest" />
          ) : (
            <Text>No measurable goals set yet.</Text>
          )}
          <FactList facts={attendanceFacts(summary)} />
          <Text>
            In my medical opinion, continued massage therapy as described is medically necessary for the
            treatment of the condition above.
          </Text>
          <Group gap="xl" align="flex-end" mt="xl" wrap="wrap">
            <Stack gap={4}>
              <div style={{ height: "2.5rem" }} />
              <Text size="sm" className="mm-signature-line">
                {physician.name}
                {physician.npi ? `, NPI ${physician.npi}` : ""}
              </Text>
            </Stack>
            <Stack gap={4}>
              <div style={{ height: "2.5rem" }} />
              <Text size="sm" className="mm-signature-line">
                Date
              </Text>
            </Stack>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
