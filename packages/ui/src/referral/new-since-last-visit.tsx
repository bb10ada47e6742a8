import { Anchor, Paper, Text } from "@mantine/core";
import { useLastVisit } from "./use-last-visit";

/**
 * For the top of a referral page: how many timeline events are new since the person's last visit, with a link to
 * the first one (marked "New" on the timeline), so a returning reader finds what changed without scrolling.
 * Nothing on a first visit or when nothing changed.
 */
export function NewSinceLastVisit({ referralId }: { referralId: string }) {
  const visit = useLastVisit(referralId);
  if (!visit || visit.since === null || visit.newCount === 0 || visit.firstNewSeq === null) return null;
  const what = visit.newCount === 1 ? "1 update" : `${visit.newCount} updates`;
  return (
    <Paper withBorder p="md" radius="md" bg="blue.0" data-testid="new-since-last-visit">
      <Text fw={600}>{what} since your last visit</Text>
      <Anchor href={`#timeline-event-${visit.firstNewSeq}`}>Go to the first new one on the timeline</Anchor>
    </Paper>
  );
}
