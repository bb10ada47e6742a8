import { useInfiniteQuery } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useMemo, useRef, useState } from "react";
import { useTRPC } from "../trpc";
import { useReferralRefresh } from "./live-refresh";
import type { TimelineEvent } from "./types";

export type LiveState = "connecting" | "live" | "reconnecting" | "stopped";

const PAGE_SIZE = 100;

/**
 * The referral's timeline: pages from `timeline.list` (oldest first) plus events pushed live by
 * `timeline.onEvent`, merged by sequence number so an event that arrives both ways is shown once.
 *
 * The subscription starts after the first page, from the last event that page holds (`lastEventId`), so nothing
 * between loading and subscribing is lost; the server replays what came in between. That id is captured once: it
 * is part of the subscription's key, and changing it would reconnect on every event. On reconnects the SSE link
 * itself sends the last id it saw.
 */
export function useLiveTimeline(referralId: string) {
  const trpc = useTRPC();
  const refresh = useReferralRefresh(referralId);
  const pages = useInfiniteQuery(
    trpc.timeline.list.infiniteQueryOptions(
      { referralId, limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const [live, setLive] = useState<TimelineEvent[]>([]);
  const [startSeq, setStartSeq] = useState<string | null>(null);
  const [lastLive, setLastLive] = useState<TimelineEvent | null>(null);
  const wasLive = useRef(false);

  const loaded = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  if (startSeq === null && pages.isSuccess) {
    // Set during render (React's "adjust state on a prop change" pattern): the subscription needs it at once.
    setStartSeq(String(loaded.reduce((max, e) => Math.max(max, e.seq), 0)));
  }

  const events = useMemo(() => {
    const bySeq = new Map<number, TimelineEvent>();
    for (const e of loaded) bySeq.set(e.seq, e);
    for (const e of live) bySeq.set(e.seq, e);
    return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  }, [loaded, live]);
  const maxSeq = events.at(-1)?.seq ?? 0;

  const subscription = useSubscription(
    trpc.timeline.onEvent.subscriptionOptions(
      { referralId, lastEventId: startSeq },
      {
        enabled: startSeq !== null,
        onStarted: () => {
          wasLive.current = true;
        },
        onData: (tracked) => {
          const event = tracked.data;
          setLive((prev) => (prev.some((e) => e.seq === event.seq) ? prev : [...prev, event]));
          setLastLive(event);
          refresh(event);
        },
      },
    ),
  );

  let liveState: LiveState = "connecting";
  if (subscription.status === "pending") liveState = "live";
  else if (subscription.status === "error") liveState = "stopped";
  else if (subscription.status === "connecting" && wasLive.current) liveState = "reconnecting";

  const lastPage = pages.data?.pages.at(-1);
  // More pages are worth offering only while nothing newer than the page's end arrived live (live events are a
  // contiguous continuation from the first page, so they already cover what the next page would bring).
  const hasMore = lastPage?.nextCursor != null && Number(lastPage.nextCursor) >= maxSeq;

  return {
    events,
    pages,
    hasMore,
    loadMore: () => pages.fetchNextPage(),
    liveState,
    retryLive: () => subscription.reset(),
    lastLive,
  };
}
