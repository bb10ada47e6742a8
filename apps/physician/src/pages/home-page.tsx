import { Stack } from "@mantine/core";
import { NeedsYourAction, NextStepCard, PageHeader, useMe } from "@mm/ui";
import { ReferralInbox } from "../components/referral-inbox";

export default function HomePage() {
  const me = useMe();
  return (
    <Stack gap="xl">
      <PageHeader
        title={`Welcome, ${me.user.name}`}
        description="Review massage requests, sign prescriptions and follow your patients' progress."
      />
      <NeedsYourAction />
      {me.profileComplete ? null : (
        <NextStepCard title="Complete your profile" actionLabel="Complete your profile" to="/profile">
          Add your NPI and practice. Patients choose you by them, and we verify them.
        </NextStepCard>
      )}
      <ReferralInbox headingOrder={2} />
    </Stack>
  );
}
