import { Stack } from "@mantine/core";
import { firstName, NextStepCard, PageHeader, type QuickLink, QuickLinks, useMe } from "@mm/ui";

const LINKS: QuickLink[] = [
  {
    title: "Ask for massage",
    description: "Tell your physician where it hurts and what you hope for.",
  },
  {
    title: "Your insurance",
    description: "Note what your insurer covers, so there are no surprises.",
  },
  {
    title: "Your plan and progress",
    description: "See your plan of care, your sessions and how your pain changes.",
  },
  {
    title: "Quiz: prescribed massage",
    description: "Five short questions on how prescribed massage works.",
  },
];

export function HomePage() {
  const me = useMe();
  return (
    <Stack gap="xl">
      <PageHeader
        title={`Welcome, ${firstName(me.user.name)}`}
        description="Your physician and your therapist follow your care with you, here."
      />
      {me.profileComplete ? null : (
        <NextStepCard title="Complete your profile" actionLabel="Complete your profile" to="/profile">
          Add your date of birth and state. Your physician needs them to review a request.
        </NextStepCard>
      )}
      <QuickLinks title="What you can do here" links={LINKS} />
    </Stack>
  );
}
