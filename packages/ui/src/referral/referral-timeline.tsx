import { Button, SegmentedControl, Stack, Text } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { EmptyState, ErrorState, LoadingState } from "../states";
import { LiveIndicator } from "./live-indicator";
import { MessageComposer, type PrivateThreadWith } from "./message-composer";
import { type HeadingOrder, Panel } from "./panel";
import { eventSentence, TimelineItem } from "./timeline-item";
import { useLastVisit } from "./use-last-visit";
import { useLiveTimeline } from "./use-live-timeline";
import { useNow } from "./use-now";
import "./referral.css";

type Props = {
  referralId: string;
  /** Show the message box; left out, it follows the referral's `allowedActions` (closed referrals: hidden). */
  canPost?: boolean;
  headingOrder?: HeadingOrder;
  /** For the patient and the physician: the other member of their private thread (offers it and a filter). */
  privateWith?: PrivateThreadWith;
};

/** Every step, message and change on the referral, oldest first, updated live, with a message box at the end. */
export function ReferralTimeline(props: Props) {
  // A different referral is a different stream: start over instead of mixing events.
  return <TimelineBody key={props.referralId} {...props} />;
}

function TimelineBody({ referralId, canPost, headingOrder = 2, privateWith }: Props) {
  const now = useNow();
  const timeline = useLiveTimeline(referralId);
  const [show, setShow] = useState<"all" | "private">("all");
  const { pages } = timeline;
  const events =
    show === "private" ? timeline.events.filter((e) => e.type === "private_message_posted") : timeline.events;
  // Events after the previous visit are marked (NewSinceLastVisit links to the first from the page's top).
  const since = useLastVisit(referralId)?.since;
  const isNew = (seq: number) => since != null && seq > since;

  let content: ReactNode;
  if (pages.isPending) content = <LoadingState label="Loading the timeline" />;
  else if (pages.isError)
    content = (
      <ErrorState error={pages.error} title="Could not load the timeline" onRetry={() => pages.refetch()} />
    );
  else if (events.length === 0)
    content = (
      <EmptyState
        title={show === "private" ? "No private messages yet" : "Nothing has happened yet"}
        headingOrder={(headingOrder + 1) as 3 | 4}
      />
    );
  else
    content = (
      <ul className="mm-timeline" aria-label="Timeline">
        {events.map((event) => (
          <TimelineItem key={event.seq} event={event} now={now} isNew={isNew(event.seq)} />
        ))}
      </ul>
    );

  return (
    <Panel
      title="Timeline"
      headingOrder={headingOrder}
      actions={<LiveIndicator state={timeline.liveState} onRetry={timeline.retryLive} />}
    >
      <Stack gap="md">
        {privateWith ? (
          <SegmentedControl
            aria-label="Show"
            value={show}
            onChange={(v) => setShow(v === "private" ? "private" : "all")}
            data={[
              { value: "all", label: "Everything" },
              { value: "private", label: "Private messages" },
            ]}
            style={{ alignSelf: "flex-start" }}
          />
        ) : null}
        {content}
        {timeline.hasMore ? (
          <Button
            variant="default"
            onClick={() => timeline.loadMore()}
            loading={pages.isFetchingNextPage}
            style={{ alignSelf: "flex-start" }}
          >
            Show more events
          </Button>
        ) : null}
        {pages.isFetchNextPageError ? (
          <ErrorState
            error={pages.error}
            title="Could not load more events"
            onRetry={() => timeline.loadMore()}
          />
        ) : null}
        {/* Announces events that arrive while the page is open, without making the whole list a live region. */}
        <Text className="mm-visually-hidden" aria-live="polite">
          {timeline.lastLive ? `New on the timeline: ${eventSentence(timeline.lastLive)}` : ""}
        </Text>
        <MessageComposer referralId={referralId} canPost={canPost} privateWith={privateWith} />
      </Stack>
    </Panel>
  );
}
