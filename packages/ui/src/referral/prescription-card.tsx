import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { type Fact, FactList } from "./fact-list";
import { formatDateTime } from "./format";
import { type HeadingOrder, Panel } from "./panel";
import { PrecautionsNotice, prescriptionFacts, SEALED_SENTENCE, useAudience } from "./prescription-facts";
import type { Prescription } from "./types";
import { VerifyPrescription } from "./verify-prescription";

/** The signed prescription and its proof: who signed, when, the hash, and a button to check it still matches. */
export function PrescriptionCard({
  prescription: rx,
  referralId,
  printHref,
  title = "Prescription",
  headingOrder = 2,
}: {
  prescription: Prescription;
  /** The referral it belongs to (data attribute for tests; the record itself is addressed by its own id). */
  referralId: string;
  /** The portal route of the printable prescription (a router path, e.g. `/referrals/:id/prescription`). */
  printHref?: string;
  title?: string;
  headingOrder?: HeadingOrder;
}) {
  const audience = useAudience();
  const signature: Fact[] = [
    { label: "Physician", value: `${rx.physicianName}, NPI ${rx.physicianNpi}` },
    { label: "Signed", value: formatDateTime(rx.signedAt) },
    { label: "Signature", value: <span className="mm-signature">{rx.signature}</span> },
    audience === "patient"
      ? { label: "Seal", value: SEALED_SENTENCE }
      : { label: "SHA-256 of the signed content", value: <code className="mm-hash">{rx.contentHash}</code> },
  ];
  return (
    <Panel
      title={title}
      headingOrder={headingOrder}
      actions={
        printHref ? (
          <Anchor component={Link} to={printHref} fw={500}>
            Print prescription
          </Anchor>
        ) : null
      }
    >
      <Stack gap="md" data-referral-id={referralId}>
        {rx.previousPrescriptionId ? (
          <Text size="sm" c="dimmed">
            This is a renewal: it replaces the earlier prescription on this referral.
          </Text>
        ) : null}
        <FactList facts={prescriptionFacts(rx, audience)} />
        <PrecautionsNotice precautions={rx.precautions} />
        <FactList facts={signature} />
        <VerifyPrescription prescriptionId={rx.id} />
      </Stack>
    </Panel>
  );
}
