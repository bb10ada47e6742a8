import { useTRPC } from "@mm/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

/** `referral.get` for one referral (the whole shared record and the actions the patient can take now). */
export function useReferral(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.referral.get.queryOptions({ id }));
}

/**
 * Refetches everything a referral page shows after an action (or a "Reload" after a conflict): the referral, the
 * list, its timeline, plan and progress, and the therapist directory's eligibility.
 */
export function useRefreshReferrals() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries(trpc.referral.pathFilter()),
        queryClient.invalidateQueries(trpc.timeline.pathFilter()),
        queryClient.invalidateQueries(trpc.plan.pathFilter()),
        queryClient.invalidateQueries(trpc.progress.pathFilter()),
        queryClient.invalidateQueries(trpc.prescription.pathFilter()),
        queryClient.invalidateQueries(trpc.directory.therapists.pathFilter()),
      ]),
    [queryClient, trpc],
  );
}
