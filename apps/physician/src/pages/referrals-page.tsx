import { Stack } from "@mantine/core";
import { PageHeader } from "@mm/ui";
import { ReferralInbox } from "../components/referral-inbox";

export default function ReferralsPage() {
  return (
    <Stack gap="lg">
      <PageHeader title="Referrals" description="Requests addressed to you, newest first." />
      <ReferralInbox headingOrder={1} />
    </Stack>
  );
}
