import { Button, Group, Select, Stack, Text } from "@mantine/core";
import { REFERRAL_STATUSES, type ReferralStatus, STATUS_LABELS } from "@mm/domain";
import { EmptyState, ErrorState, LoadingState, PageHeader, useTRPC } from "@mm/ui";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { ReferralListItemCard } from "../components/referral-list-item";

const ALL = "all";

export default function ReferralsPage() {
  const trpc = useTRPC();
  // The filter lives in the page, not the URL: a status is health information.
  const [status, setStatus] = useState<ReferralStatus | typeof ALL>(ALL);
  const list = useInfiniteQuery({
    ...trpc.referral.list.infiniteQueryOptions(
      { status: status === ALL ? undefined : status, limit: 10 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const counts = list.data?.pages[0]?.counts ?? {};
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const options = [
    { value: ALL, label: `All (${total})` },
    ...REFERRAL_STATUSES.filter((s) => (counts[s] ?? 0) > 0 || s === status).map((s) => ({
      value: s,
      label: `${STATUS_LABELS[s]} (${counts[s] ?? 0})`,
    })),
  ];

  return (
    <Stack gap="lg">
      <PageHeader
        title="My referrals"
        description="Each request to a physician, with its prescription, plan of care and messages."
      />
      <Group justify="space-between" align="flex-end" gap="md">
        <Select
          label="Show"
          data={options}
          value={status}
          onChange={(v) => setStatus((v as ReferralStatus | null) ?? ALL)}
          allowDeselect={false}
          w={260}
          size="md"
          comboboxProps={{ withinPortal: true }}
        />
        <Button component={Link} to="/referrals/new" size="md">
          Ask for massage therapy
        </Button>
      </Group>

      {list.isPending ? (
        <LoadingState label="Loading your referrals" />
      ) : items.length === 0 && list.isError ? (
        <ErrorState error={list.error} title="Could not load your referrals" onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={status === ALL ? "No referrals yet" : `No referrals are "${STATUS_LABELS[status]}"`}
          action={
            status === ALL ? (
              <Button component={Link} to="/referrals/new">
                Start a request
              </Button>
            ) : (
              <Button variant="default" onClick={() => setStatus(ALL)}>
                Show all
              </Button>
            )
          }
        >
          {status === ALL
            ? "Ask your physician for massage therapy: tell them where it hurts and what you hope for."
            : null}
        </EmptyState>
      ) : (
        <Stack gap="sm">
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }} aria-label="Referrals">
            {items.map((item) => (
              <ReferralListItemCard key={item.id} item={item} headingOrder={2} />
            ))}
          </Stack>
          <Text size="sm" c="dimmed" role="status">
            Showing {items.length} of {status === ALL ? total : (counts[status] ?? items.length)}
          </Text>
          {list.hasNextPage ? (
            <Group>
              <Button
                variant="default"
                size="md"
                onClick={() => list.fetchNextPage()}
                loading={list.isFetchingNextPage}
              >
                Load more
              </Button>
            </Group>
          ) : null}
          {list.isError ? (
            <ErrorState error={list.error} title="Could not load more" onRetry={() => list.fetchNextPage()} />
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
