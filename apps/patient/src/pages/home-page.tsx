import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import {
  EmptyState,
  ErrorState,
  firstName,
  LoadingState,
  NeedsYourAction,
  NextStepCard,
  PageHeader,
  type QuickLink,
  QuickLinks,
  useMe,
  useTRPC,
} from "@mm/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { ReferralListItemCard } from "../components/referral-list-item";

const LINKS: QuickLink[] = [
  {
    title: "My referrals",
    description: "Every request, prescription, plan and message, in one place.",
    to: "/referrals",
  },
  {
    title: "Insurance",
    description: "Note what your insurer covers, so there are no surprises.",
    to: "/insurance",
  },
  {
    title: "Quiz: know your prescription",
    description: "Twelve short questions on how prescribed massage works.",
    to: "/quiz",
  },
  {
    title: "My profile",
    description: "Your state, health conditions and medications.",
    to: "/profile",
  },
];

const RECENT = 5;

export default function HomePage() {
  const me = useMe();
  const trpc = useTRPC();
  const referrals = useQuery(trpc.referral.list.queryOptions({ limit: RECENT }));
  const coverage = useQuery(trpc.coverage.get.queryOptions());
  const items = referrals.data?.items ?? [];
  // Returning patients see their referrals (and what they need to do) first; newcomers see how to ask first.
  const hasReferrals = items.length > 0;
  const ask = (
    <Paper withBorder p="lg" radius="md" bg="blue.0" component="section" aria-labelledby="ask-heading">
      <Stack gap="xs" align="flex-start">
        <Title order={2} size="h3" id="ask-heading">
          Ask your physician for massage therapy
        </Title>
        <Text>
          Tell them where it hurts, how it affects your day, and what you hope for. It takes about 5 minutes.
        </Text>
        <Group gap="md">
          <Button component={Link} to="/referrals/new" size="md">
            Start a request
          </Button>
          <Anchor component={Link} to="/quiz">
            Not sure? Take the 2-minute quiz
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );

  return (
    <Stack gap="xl">
      <PageHeader
        title={`Welcome, ${firstName(me.user.name)}`}
        description="Your physician and your therapist follow your care with you, here."
      />
      <NeedsYourAction />
      {me.profileComplete ? null : (
        <NextStepCard title="Complete your profile" actionLabel="Complete your profile" to="/profile">
          Add your date of birth and state. Your physician needs them to review a request.
        </NextStepCard>
      )}

      {hasReferrals ? null : ask}
      <Stack gap="sm" component="section" aria-labelledby="referrals-heading">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h3" id="referrals-heading">
            Your referrals
          </Title>
          {items.length > 0 ? (
            <Anchor component={Link} to="/referrals">
              See all
            </Anchor>
          ) : null}
        </Group>
        {referrals.isPending ? (
          <LoadingState label="Loading your referrals" />
        ) : referrals.isError ? (
          <ErrorState
            error={referrals.error}
            title="Could not load your referrals"
            onRetry={() => referrals.refetch()}
          />
        ) : items.length === 0 ? (
          <EmptyState title="No referrals yet" headingOrder={3}>
            When you ask your physician for massage therapy, your request shows here with what happens next.
          </EmptyState>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {items.map((item) => (
              <ReferralListItemCard key={item.id} item={item} />
            ))}
          </Stack>
        )}
      </Stack>

      {hasReferrals ? ask : null}
      {coverage.isSuccess && coverage.data === null ? (
        <NextStepCard title="Add your insurance" actionLabel="Add your insurance" to="/insurance">
          Call your insurer and write down what they say about massage with a prescription.
        </NextStepCard>
      ) : null}

      <QuickLinks title="What you can do here" links={LINKS} />
    </Stack>
  );
}
