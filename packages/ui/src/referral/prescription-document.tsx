import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import { DownloadButton } from "./download-button";
import { FactList } from "./fact-list";
import { formatDateTime, formatDay, formatInstantDate } from "./format";
import type { HeadingOrder } from "./panel";
import { PrecautionsNotice, prescriptionFacts, SEALED_SENTENCE, useAudience } from "./prescription-facts";
import { PrintButton } from "./print-button";
import { usePrintMode } from "./print-mode";
import type { Prescription, Referral } from "./types";

export const ATTESTATION_SENTENCE =
  "I attest that I have evaluated this patient and that massage therapy as prescribed above is medically necessary.";

/**
 * The prescription as a sheet of paper: letterhead, patient, the prescription, attestation, signature and hash.
 * Printing the page (or "Save as PDF") gives only this sheet, without the portal around it.
 */
export function PrescriptionDocument({
  referral,
  prescription: rx,
  headingOrder = 2,
}: {
  referral: Referral;
  prescription: Prescription;
  headingOrder?: HeadingOrder;
}) {
  usePrintMode();
  const physician = referral.physician;
  const audience = useAudience();
  return (
    <Stack gap="md">
      <Group className="mm-no-print">
        <DownloadButton href={`/documents/prescriptions/${rx.id}.pdf`} label="Download the signed PDF" />
        <PrintButton />
      </Group>
      <Paper
        component="article"
        className="mm-print-root"
        withBorder
        p="xl"
        radius="md"
        aria-label="Prescription"
      >
        <Stack gap="lg">
          <Stack gap={2} className="mm-letterhead">
            <Text fw={700} size="xl">
              {rx.physicianName}
            </Text>
            {physician.practice ? <Text>{physician.practice}</Text> : null}
            <Text size="sm">
              NPI {rx.physicianNpi}
              {physician.state ? ` · Licensed in ${physician.state}` : ""}
            </Text>
          </Stack>
          <Title order={headingOrder} size="h3">
            Prescription for medical massage therapy
          </Title>
          <FactList
            facts={[
              { label: "Patient", value: referral.patient.name },
              { label: "Date of birth", value: formatDay(referral.patient.dateOfBirth) },
              { label: "Date", value: formatInstantDate(rx.signedAt) },
              ...(rx.previousPrescriptionId ? [{ label: "Type", value: "Renewal" }] : []),
            ]}
          />
          <FactList facts={prescriptionFacts(rx, audience)} />
          <PrecautionsNotice precautions={rx.precautions} />
          <Text>{ATTESTATION_SENTENCE}</Text>
          <Stack gap={4} align="flex-start">
            <span className="mm-signature">{rx.signature}</span>
            <Text size="sm" className="mm-signature-line">
              {rx.physicianName}, NPI {rx.physicianNpi}. Signed electronically {formatDateTime(rx.signedAt)}.
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {audience === "patient" ? "Seal" : "SHA-256 of the signed content"}
            </Text>
            {audience === "patient" ? <Text size="sm">{SEALED_SENTENCE} The seal, for checking:</Text> : null}
            <code className="mm-hash">{rx.contentHash}</code>
            <Text size="xs" c="dimmed">
              The care team can check this prescription against its seal in the patient, physician or
              therapist portal (Verify signature).
            </Text>
          </Stack>
        </Stack>
      </Paper>
    </Stack>
  );
}
