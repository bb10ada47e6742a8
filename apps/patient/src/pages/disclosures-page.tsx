import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { EmptyState, ErrorState, LoadingState, PageHeader, useTRPC } from "@mm/ui";
import { formatDate, formatDateTime } from "@mm/ui/referral-page";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";

/**
 * The patient's accounting of disclosures: every time someone else viewed or changed their record (referrals,
 * with the profile and insurance they show), newest first.
 */
export default function DisclosuresPage() {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.audit.myRecord.infiniteQueryOptions(
      { limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="lg">
      <PageHeader
        title="Who has seen my record"
        description="Each time your physician, your therapist or anyone else opened or changed your referrals, profile or insurance. Your own visits are not listed."
      />
      <Anchor component={Link} to="/profile" size="sm">
        Back to my profile
      </Anchor>
      {query.isPending ? (
        <LoadingState label="Loading who has seen your record" />
      ) : query.isError ? (
        <ErrorState
          error={query.error}
          title="Could not load who has seen your record"
          onRetry={() => query.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState title="Nobody else has opened your record yet">
          When a physician or therapist looks at or changes your referral, it shows here.
        </EmptyState>
      ) : (
        <Stack gap="sm">
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" aria-label="Who has seen my record">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">When</Table.Th>
                    <Table.Th scope="col">Who</Table.Th>
                    <Table.Th scope="col">What they did</Table.Th>
                    <Table.Th scope="col">Referral</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>{formatDateTime(i.at)}</Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {i.who}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {i.roleLabel}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Text size="sm">{i.what}</Text>
                          {i.changed ? (
                            <Badge size="sm" variant="light" color="orange" c="#9a3412">
                              Changed
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {i.referralId ? (
                          <Anchor component={Link} to={`/referrals/${i.referralId}`} size="sm">
                            Request of {formatDate(i.referralCreatedAt)}
                          </Anchor>
                        ) : (
                          "—"
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" role="status">
              Showing {items.length} {items.length === 1 ? "entry" : "entries"}
            </Text>
            {query.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => query.fetchNextPage()}
                loading={query.isFetchingNextPage}
              >
                Show older entries
              </Button>
            ) : null}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
