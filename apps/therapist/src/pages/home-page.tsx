import { Stack } from "@mantine/core";
import { NeedsYourAction, NextStepCard, PageHeader, useMe } from "@mm/ui";
import { ReferralLists } from "../components/referral-lists";

export default function HomePage() {
  const me = useMe();
  return (
    <Stack gap="xl">
      <PageHeader
        title={`Welcome, ${me.user.name}`}
        description="Accept referrals, agree the plan of care with the physician and record your sessions."
      />
      <NeedsYourAction />
      {me.profileComplete ? null : (
        <NextStepCard title="Complete your profile" actionLabel="Complete your profile" to="/profile">
          Add your credential, specialties and the payers you bill. Patients choose you by them.
        </NextStepCard>
      )}
      <ReferralLists />
    </Stack>
  );
}
