import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "../trpc";

/**
 * Records this visit to the referral once per page (`timeline.visit`) and answers the newest timeline seq of the
 * previous visit: events after it are "new since your last visit". Undefined while loading, null on a first visit
 * (nothing is marked) or when the call failed (the page works without markers).
 */
export function useLastVisit(referralId: string): number | null | undefined {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const visit = useMutation(
    trpc.timeline.visit.mutationOptions({
      // A visit can settle "reports to read" on the home page.
      onSuccess: () => queryClient.invalidateQueries(trpc.notification.actions.queryFilter()),
    }),
  );
  const sent = useRef(false);
  const { mutate } = visit;
  useEffect(() => {
    // Once per mounted page: a second call would answer this very visit and mark nothing.
    if (sent.current) return;
    sent.current = true;
    mutate({ referralId });
  }, [mutate, referralId]);
  if (visit.isError) return null;
  return visit.data ? visit.data.since : undefined;
}
