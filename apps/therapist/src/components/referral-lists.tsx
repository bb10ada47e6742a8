import { Anchor, Button, Group, Paper, Stack, Table, Title } from "@mantine/core";
import type { ReferralStatus } from "@mm/domain";
import { EmptyState, ErrorState, LoadingState, type RouterOutputs, useTRPC } from "@mm/ui";
import { StatusBadge } from "@mm/ui/referral";
import { formatDate, regionList } from "@mm/ui/referral-page";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";

type Item = RouterOutputs["referral"]["list"]["items"][number];
type Counts = RouterOutputs["referral"]["list"]["counts"];

const MY_PATIENTS: ReferralStatus[] = ["planning", "active"];

const sum = (counts: Counts, statuses: readonly ReferralStatus[]) =>
  statuses.reduce((n, s) => n + (counts[s] ?? 0), 0);

function Rows({ items, dateLabel }: { items: Item[]; dateLabel: string }) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Patient</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Regions</Table.Th>
              <Table.Th scope="col">Physician</Table.Th>
              <Table.Th scope="col">{dateLabel}</Table.Th>
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
                <Table.Td>{regionList(r.bodyRegions)}</Table.Td>
                <Table.Td>{r.physicianName}</Table.Td>
                <Table.Td>
                  <time dateTime={r.updatedAt}>{formatDate(r.updatedAt)}</time>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function ListSection({
  id,
  title,
  count,
  items,
  empty,
  dateLabel,
}: {
  id: string;
  title: string;
  count: number;
  items: Item[];
  empty: string;
  dateLabel: string;
}) {
  return (
    <Stack gap="sm" component="section" aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title} ({count})
      </Title>
      {items.length === 0 ? (
        <Paper withBorder p="md" radius="md" c="dimmed">
          {empty}
        </Paper>
      ) : (
        <Rows items={items} dateLabel={dateLabel} />
      )}
    </Stack>
  );
}

/**
 * Invitations first (they wait on the therapist), then patients in planning or treatment, then past ones. The
 * invitations have their own query so one never hides behind older referrals on a later page.
 */
export function ReferralLists() {
  const trpc = useTRPC();
  const invitations = useInfiniteQuery(
    trpc.referral.list.infiniteQueryOptions(
      { status: "awaiting_therapist", limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const all = useInfiniteQuery(
    trpc.referral.list.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );

  if (invitations.isPending || all.isPending) return <LoadingState label="Loading referrals" />;
  if (invitations.isError || all.isError) {
    return (
      <ErrorState
        error={invitations.error ?? all.error}
        title="Could not load referrals"
        onRetry={() => {
          void invitations.refetch();
          void all.refetch();
        }}
      />
    );
  }

  const counts = all.data.pages[0]?.counts ?? {};
  const invited = invitations.data.pages.flatMap((p) => p.items);
  const rest = all.data.pages.flatMap((p) => p.items).filter((r) => r.status !== "awaiting_therapist");
  const mine = rest.filter((r) => MY_PATIENTS.includes(r.status));
  const past = rest.filter((r) => !MY_PATIENTS.includes(r.status));
  const total = Object.values(counts).reduce((n, c) => n + (c ?? 0), 0);

  if (total === 0) {
    return (
      <EmptyState title="No referrals yet">
        When a patient chooses you as their therapist, the invitation shows here.
      </EmptyState>
    );
  }

  return (
    <Stack gap="xl">
      <ListSection
        id="invitations-heading"
        title="Invitations"
        count={counts.awaiting_therapist ?? 0}
        items={invited}
        empty="No invitations waiting for you."
        dateLabel="Invited"
      />
      {invitations.hasNextPage ? (
        <Group>
          <Button
            variant="default"
            onClick={() => invitations.fetchNextPage()}
            loading={invitations.isFetchingNextPage}
          >
            Load more invitations
          </Button>
        </Group>
      ) : null}
      <ListSection
        id="patients-heading"
        title="My patients"
        count={sum(counts, MY_PATIENTS)}
        items={mine}
        empty="No patients in planning or treatment."
        dateLabel="Last update"
      />
      <ListSection
        id="past-heading"
        title="Past"
        count={total - (counts.awaiting_therapist ?? 0) - sum(counts, MY_PATIENTS)}
        items={past}
        empty="No completed or closed referrals."
        dateLabel="Last update"
      />
      {all.hasNextPage ? (
        <Group>
          <Button variant="default" onClick={() => all.fetchNextPage()} loading={all.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
