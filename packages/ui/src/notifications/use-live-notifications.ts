import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTRPC } from "../trpc";

/** Notifications within this window cost one refetch per list (a reconnect can replay a burst). */
const COALESCE_MS = 100;

/**
 * The signed-in user's live stream (`notification.onEvent`), mounted once by the portal shell: each new
 * notification refreshes what it can change in every portal: the bell and the notification list, "needs your
 * action", the referral lists (physician inbox, therapist invitations and patients, patient referrals) and the
 * referral it names. The SSE link resumes from the last id it saw after a drop, and the server catches up.
 * Answers whether the stream is connected.
 */
export function useLiveNotifications(): { connected: boolean } {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    timer.current = null;
    const referralIds = [...pending.current];
    pending.current.clear();
    void queryClient.invalidateQueries(trpc.notification.pathFilter());
    void queryClient.invalidateQueries(trpc.referral.list.pathFilter());
    for (const id of referralIds)
      void queryClient.invalidateQueries({ queryKey: trpc.referral.get.queryKey({ id }) });
  }, [trpc, queryClient]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const subscription = useSubscription(
    trpc.notification.onEvent.subscriptionOptions(
      {},
      {
        onData: (tracked) => {
          pending.current.add(tracked.data.referralId);
          timer.current ??= setTimeout(flush, COALESCE_MS);
        },
      },
    ),
  );
  return { connected: subscription.status === "pending" };
}
