import { Anchor, Stack, Text } from "@mantine/core";
import { PrescriptionDocument } from "@mm/ui/referral";
import { formatDate, ReferralGate, ReferralHeader, useReferralQuery } from "@mm/ui/referral-page";
import { Link, useParams } from "react-router";

/**
 * The signed prescription as a printable sheet (the browser's print dialog saves it as PDF; only the sheet is
 * printed). The current one, or an earlier one by its id.
 */
export default function PrescriptionPage() {
  const { prescriptionId } = useParams();
  const query = useReferralQuery();
  return (
    <ReferralGate query={query} text={{ loading: "Loading the prescription" }}>
      {(r) => {
        const prescription = prescriptionId
          ? r.prescriptions.find((p) => p.id === prescriptionId)
          : r.currentPrescription;
        return (
          <Stack gap="lg">
            <ReferralHeader
              referral={r}
              pageTitle="Prescription"
              heading="Prescription"
              description={
                prescription
                  ? `For ${r.patient.name}, signed ${formatDate(prescription.signedAt)}.`
                  : `For ${r.patient.name}.`
              }
            />
            <Anchor component={Link} to={`/referrals/${r.id}`} className="mm-no-print">
              Back to the referral
            </Anchor>
            {prescription ? (
              <PrescriptionDocument referral={r} prescription={prescription} />
            ) : (
              <Text>This referral has no signed prescription with that reference.</Text>
            )}
          </Stack>
        );
      }}
    </ReferralGate>
  );
}
