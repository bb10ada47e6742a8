import { Anchor, Stack } from "@mantine/core";
import { JustificationSummary } from "@mm/ui/referral";
import { ReferralGate, ReferralHeader, useReferralQuery } from "@mm/ui/referral-page";
import { Link } from "react-router";

/** The justification summary as a letter of medical necessity, ready for the browser's print-to-PDF. */
export default function JustificationPage() {
  const query = useReferralQuery();
  return (
    <ReferralGate query={query} text={{ loading: "Loading the justification summary" }}>
      {(r) => (
        <Stack gap="lg">
          <ReferralHeader
            referral={r}
            pageTitle="Justification summary"
            heading="Justification summary"
            description={`For ${r.patient.name}: progress against the plan's goals, for renewal or the insurer.`}
          />
          <Anchor component={Link} to={`/referrals/${r.id}`} className="mm-no-print">
            Back to the referral
          </Anchor>
          <JustificationSummary referralId={r.id} printable />
        </Stack>
      )}
    </ReferralGate>
  );
}
