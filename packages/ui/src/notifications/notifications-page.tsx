import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from "@mm/domain";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { EmptyState, ErrorState, FormError, LoadingState } from "../states";
import { useTRPC } from "../trpc";

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** What happened on my referrals, newest first: each links to the referral; mark read, mark all read. */
export function NotificationsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const pages = useInfiniteQuery(
    trpc.notification.list.infiniteQueryOptions(
      { unreadOnly: filter === "unread" },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.notification.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.queryKey() }),
    ]);
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: refresh }));

  return (
    <Stack gap="lg">
      <title>Notifications · Prescribed Massage</title>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Notifications</Title>
        <Group>
          <SegmentedControl
            aria-label="Show"
            value={filter}
            onChange={(v) => setFilter(v as "all" | "unread")}
            data={[
              { value: "all", label: "All" },
              { value: "unread", label: "Unread" },
            ]}
          />
          <Button
            variant="light"
            onClick={() => markRead.mutate({ all: true })}
            loading={markRead.isPending && "all" in (markRead.variables ?? {})}
            disabled={items.every((i) => i.readAt !== null)}
          >
            Mark all read
          </Button>
        </Group>
      </Group>
      <FormError
        message={markRead.error ? "Could not mark as read. Try again." : null}
        title="Notifications"
      />
      {pages.isPending ? (
        <LoadingState label="Loading notifications" />
      ) : pages.isError ? (
        <ErrorState
          error={pages.error}
          title="Could not load notifications"
          onRetry={() => pages.refetch()}
        />
      ) : items.length === 0 ? (
        <EmptyState title={filter === "unread" ? "Nothing unread" : "No notifications yet"}>
          When something happens on one of your referrals, it shows up here.
        </EmptyState>
      ) : (
        <Stack gap="xs" component="ul" aria-label="Notifications" style={{ listStyle: "none", padding: 0 }}>
          {items.map((n) => (
            <Paper key={n.id} withBorder p="md" radius="md" component="li">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={4}>
                  <Group gap="xs">
                    {n.readAt === null ? (
                      <Badge size="sm" variant="light" color="gray">
                        New
                      </Badge>
                    ) : null}
                    <Anchor
                      component={Link}
                      to={`/referrals/${n.referralId}`}
                      fw={n.readAt === null ? 600 : 400}
                      onClick={() => n.readAt === null && markRead.mutate({ ids: [n.id] })}
                    >
                      {NOTIFICATION_KIND_LABELS[n.kind]}
                    </Anchor>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {when(n.createdAt)}
                  </Text>
                </Stack>
                {n.readAt === null ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => markRead.mutate({ ids: [n.id] })}
                    aria-label={`Mark read: ${NOTIFICATION_KIND_LABELS[n.kind]}`}
                  >
                    Mark read
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {pages.hasNextPage ? (
        <Button
          variant="default"
          onClick={() => pages.fetchNextPage()}
          loading={pages.isFetchingNextPage}
          w="fit-content"
        >
          Show older
        </Button>
      ) : null}
      <EmailPreferences />
    </Stack>
  );
}

function EmailPreferences() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.notification.preferences.queryOptions());
  const save = useMutation(
    trpc.notification.setPreferences.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.notification.preferences.queryKey(), data),
    }),
  );
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Email notifications">
      <Stack>
        <Title order={2} size="h3">
          Email notifications
        </Title>
        <Text size="sm" c="dimmed">
          Every notification appears here. Choose which ones are also emailed to you; emails never include
          health details, only what kind of thing happened and a link.
        </Text>
        <FormError message={save.error ? "Could not save. Try again." : null} title="Email notifications" />
        {prefs.isPending ? (
          <LoadingState label="Loading email settings" />
        ) : prefs.isError ? (
          <ErrorState
            error={prefs.error}
            title="Could not load email settings"
            onRetry={() => prefs.refetch()}
          />
        ) : (
          <Stack gap="xs">
            {NOTIFICATION_KINDS.map((kind: NotificationKind) => (
              <Checkbox
                key={kind}
                label={NOTIFICATION_KIND_LABELS[kind]}
                checked={prefs.data[kind].email}
                disabled={save.isPending}
                onChange={(e) => save.mutate({ email: { [kind]: e.currentTarget.checked } })}
              />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
