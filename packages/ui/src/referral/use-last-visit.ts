import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "../trpc";

/**
 * This visit to the referral page, recorded once (`timeline.visit`) and shared by everything on the page that
 * shows what is new (the notice at the top, the timeline's markers) through one react-query entry. It lives only
 * while the page is open (gcTime 0): the next visit records again. Undefined while loading or when the call
 * failed (the page works without markers).
 */
export function useLastVisit(referralId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const visit = useQuery({
    queryKey: ["referral-visit", referralId],
    queryFn: async () => {
      const answer = await client.timeline.visit.mutate({ referralId });
      // A visit can settle "reports to read" on the home page.
      void queryClient.invalidateQueries(trpc.notification.actions.queryFilter());
      return answer;
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
  });
  return visit.data;
}
