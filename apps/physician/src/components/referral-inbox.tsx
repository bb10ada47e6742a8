import { Anchor, Button, Chip, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { REFERRAL_STATUSES, type ReferralStatus, STATUS_LABELS } from "@mm/domain";
import { EmptyState, ErrorState, LoadingState, type RouterOutputs, useTRPC } from "@mm/ui";
import { StatusBadge } from "@mm/ui/referral";
import { formatDate, kindLabel, regionList } from "@mm/ui/referral-page";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

type Counts = RouterOutputs["referral"]["list"]["counts"];
type Item = RouterOutputs["referral"]["list"]["items"][number];

/** Filters in the order a physician works through them: what needs a decision first, closed ones last. */
const FILTER_ORDER: ReferralStatus[] = [
  "requested",
  "needs_info",
  "prescribed",
  "awaiting_therapist",
  "planning",
  "active",
  "completed",
  "declined",
  "cancelled",
  "discontinued",
  "expired",
];
/** Always offered, even at zero, so the physician can see the review queue is empty. */
const ALWAYS_SHOWN: ReferralStatus[] = ["requested"];

const ALL = "all";

function parseStatus(value: string | null): ReferralStatus | undefined {
  return (REFERRAL_STATUSES as readonly string[]).includes(value ?? "")
    ? (value as ReferralStatus)
    : undefined;
}

function StatusFilter({
  value,
  counts,
  onChange,
}: {
  value: string;
  counts: Counts;
  onChange: (value: string) => void;
}) {
  const total = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);
  const shown = FILTER_ORDER.filter((s) => (counts[s] ?? 0) > 0 || ALWAYS_SHOWN.includes(s) || s === value);
  return (
    <Chip.Group multiple={false} value={value} onChange={onChange}>
      <Group gap="xs" role="radiogroup" aria-label="Filter by status">
        <Chip value={ALL} name="status-filter" size="sm">
          All ({total})
        </Chip>
        {shown.map((s) => (
          <Chip key={s} value={s} name="status-filter" size="sm">
            {STATUS_LABELS[s]} ({counts[s] ?? 0})
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}

function ReferralRows({ items }: { items: Item[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Patient</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Kind</Table.Th>
            <Table.Th scope="col">Regions</Table.Th>
            <Table.Th scope="col">Pain</Table.Th>
            <Table.Th scope="col">Requested</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={`/referrals/${r.id}`}>
                  {r.patientName}
                </Anchor>
              </Table.Th>
              <Table.Td>
                <StatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>{kindLabel(r.kind)}</Table.Td>
              <Table.Td>{regionList(r.bodyRegions)}</Table.Td>
              <Table.Td>{r.painNow}/10</Table.Td>
              <Table.Td>
                <time dateTime={r.createdAt}>{formatDate(r.createdAt)}</time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The physician's referrals, newest first, filtered by status (kept in the address, so a filtered inbox can be
 * bookmarked), a page at a time.
 */
export function ReferralInbox({ headingOrder }: { headingOrder: 1 | 2 }) {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const status = parseStatus(params.get("status"));
  const query = useInfiniteQuery(
    trpc.referral.list.infiniteQueryOptions(
      { status, limit: 20 },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        // Switching filters keeps the chips and the previous rows on screen until the new page arrives.
        placeholderData: keepPreviousData,
      },
    ),
  );

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value === ALL) next.delete("status");
    else next.set("status", value);
    setParams(next, { replace: true });
  };

  const pages = query.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const counts = pages[0]?.counts ?? {};

  return (
    <Stack gap="sm" component="section" aria-labelledby="inbox-heading" aria-busy={query.isPlaceholderData}>
      {headingOrder === 2 ? (
        <Title order={2} size="h3" id="inbox-heading">
          Referrals
        </Title>
      ) : (
        <span id="inbox-heading" className="mm-visually-hidden">
          Referral list
        </span>
      )}
      {query.isPending ? (
        <LoadingState label="Loading referrals" />
      ) : query.isError ? (
        <ErrorState error={query.error} title="Could not load referrals" onRetry={() => query.refetch()} />
      ) : (
        <>
          <StatusFilter value={status ?? ALL} counts={counts} onChange={setStatus} />
          {items.length === 0 ? (
            <EmptyState
              title={status ? `No ${STATUS_LABELS[status].toLowerCase()} referrals` : "No referrals yet"}
              headingOrder={3}
            >
              {status
                ? "Nothing has this status right now. Choose another filter to see the rest."
                : "When a patient asks you for massage therapy, the request shows here."}
            </EmptyState>
          ) : (
            <Paper withBorder radius="md">
              <ReferralRows items={items} />
            </Paper>
          )}
          <Group justify="space-between">
            <Text size="sm" c="dimmed" role="status">
              {items.length > 0
                ? `Showing ${items.length} of ${status ? (counts[status] ?? 0) : Object.values(counts).reduce((a, n) => a + (n ?? 0), 0)}`
                : ""}
            </Text>
            {query.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => query.fetchNextPage()}
                loading={query.isFetchingNextPage}
              >
                Load more
              </Button>
            ) : null}
          </Group>
        </>
      )}
    </Stack>
  );
}
