import { Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReferralStatus } from "@mm/domain";
import { formatInstantDate, type RouterOutputs, WRAP_LABEL } from "@mm/ui";
import { StatusBadge } from "@mm/ui/referral";
import { Link } from "react-router";
import { PATIENT_NEXT_STEP, PATIENT_TODO, regionsText } from "../lib/referral-text";

export type ReferralListItem = RouterOutputs["referral"]["list"]["items"][number];

/** Where the "do this now" button of a referral goes. */
export function todoHref(item: { id: string; status: ReferralStatus }): string {
  return item.status === "prescribed" ? `/referrals/${item.id}/therapists` : `/referrals/${item.id}`;
}

/** One referral in a list: what it is about, who it went to, its status and what happens next. */
export function ReferralListItemCard({
  item,
  headingOrder = 3,
}: {
  item: ReferralListItem;
  headingOrder?: 2 | 3;
}) {
  const todo = PATIENT_TODO[item.status];
  const title = regionsText(item.bodyRegions);
  return (
    <Paper component="li" withBorder p="md" radius="md" aria-label={`${title}, ${item.physicianName}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={headingOrder} size="h4">
              <Anchor component={Link} to={`/referrals/${item.id}`} inherit>
                {title}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed">
              {item.kind === "acute" ? "Acute" : "Chronic"} · {item.physicianName}
              {item.therapistName ? ` · ${item.therapistName}` : ""} · sent{" "}
              {formatInstantDate(item.createdAt)}
            </Text>
          </Stack>
          <StatusBadge status={item.status} />
        </Group>
        <Text>{PATIENT_NEXT_STEP[item.status]}</Text>
        {todo ? (
          <Group>
            <Button component={Link} to={todoHref(item)} size="md" styles={WRAP_LABEL}>
              {todo}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
