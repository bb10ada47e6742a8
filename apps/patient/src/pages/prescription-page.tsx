import { Anchor, Stack } from "@mantine/core";
import { EmptyState, PageHeader } from "@mm/ui";
import { PrescriptionDocument } from "@mm/ui/referral";
import { ReferralGate, useReferralQuery } from "@mm/ui/referral-page";
import { Link } from "react-router";
import { PATIENT_GATE_TEXT } from "../lib/referral-text";

/** The current prescription as a printable sheet (the browser's print dialog saves it as PDF). */
export default function PrescriptionPage() {
  const query = useReferralQuery();
  return (
    <ReferralGate query={query} text={{ ...PATIENT_GATE_TEXT, loading: "Loading the prescription" }}>
      {(referral) => {
        const rx = referral.currentPrescription;
        return (
          <Stack gap="lg">
            <div className="mm-no-print">
              <PageHeader
                title="Prescription"
                description="Print it or save it as a PDF for your insurer, your HSA/FSA or your therapist."
              />
            </div>
            <Anchor component={Link} to={`/referrals/${referral.id}`} className="mm-no-print">
              Back to the referral
            </Anchor>
            {rx ? (
              <PrescriptionDocument referral={referral} prescription={rx} />
            ) : (
              <EmptyState title="No prescription yet">
                Your physician has not signed a prescription for this referral yet.
              </EmptyState>
            )}
          </Stack>
        );
      }}
    </ReferralGate>
  );
}
