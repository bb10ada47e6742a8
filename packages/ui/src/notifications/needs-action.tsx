import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { ACTION_LABELS, type ActionKind } from "@mm/domain";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { ErrorState, LoadingState } from "../states";
import { useTRPC } from "../trpc";

/** Per kind, how many referrals are linked by name before "and N more". */
const SHOWN = 5;

type Item = { kind: ActionKind; referralId: string; name: string };

function groupByKind(items: readonly Item[]): [ActionKind, Item[]][] {
  const groups = new Map<ActionKind, Item[]>();
  for (const item of items) groups.set(item.kind, [...(groups.get(item.kind) ?? []), item]);
  return [...groups];
}

/**
 * "Needs your action", for the top of each portal's home page: what the person's open referrals ask of them,
 * grouped by kind (the rules live in @mm/domain), each linking to its referral. Refreshed live by the
 * notification stream.
 */
export function NeedsYourAction() {
  const trpc = useTRPC();
  // Fresh on every visit to the home page: the person's own changes elsewhere (a session logged) settle items too.
  const actions = useQuery({ ...trpc.notification.actions.queryOptions(), staleTime: 0 });
  let body: ReactNode;
  if (actions.isPending) body = <LoadingState label="Loading what needs your action" />;
  else if (actions.isError)
    body = (
      <ErrorState
        error={actions.error}
        title="Could not load what needs your action"
        onRetry={() => actions.refetch()}
      />
    );
  else if (actions.data.items.length === 0) body = <Text>Nothing needs your action right now.</Text>;
  else
    body = (
      <Stack gap="sm">
        {groupByKind(actions.data.items).map(([kind, items]) => (
          <Stack key={kind} gap={4} data-action-kind={kind}>
            <Group gap="xs">
              <Title order={3} size="h5">
                {ACTION_LABELS[kind]}
              </Title>
              <Badge color="red.8" variant="filled" size="sm" aria-hidden="true">
                {items.length}
              </Badge>
            </Group>
            <List size="sm" spacing={2}>
              {items.slice(0, SHOWN).map((item) => (
                <List.Item key={item.referralId}>
                  <Anchor component={Link} to={`/referrals/${item.referralId}`}>
                    {item.name}
                  </Anchor>
                </List.Item>
              ))}
              {items.length > SHOWN ? (
                <List.Item>
                  <Anchor component={Link} to="/referrals">
                    and {items.length - SHOWN} more
                  </Anchor>
                </List.Item>
              ) : null}
            </List>
          </Stack>
        ))}
      </Stack>
    );
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="needs-action-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="needs-action-heading">
          Needs your action
        </Title>
        {body}
      </Stack>
    </Paper>
  );
}
