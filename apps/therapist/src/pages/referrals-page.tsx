import { Stack } from "@mantine/core";
import { PageHeader } from "@mm/ui";
import { ReferralLists } from "../components/referral-lists";

export default function ReferralsPage() {
  return (
    <Stack gap="lg">
      <PageHeader
        title="Referrals"
        description="Invitations waiting for your answer, your patients, and past referrals."
      />
      <ReferralLists />
    </Stack>
  );
}
