import { useTRPC, useTRPCClient } from "@mm/ui";
import { useQuery } from "@tanstack/react-query";

const MAX_PAGES = 20;

/**
 * The physician's latest question on a referral (the newest `info_requested` event of its timeline). Keyed by the
 * referral's version, so a second question after an answer is fetched afresh.
 */
export function useLatestQuestion(referralId: string, version: number, enabled: boolean) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useQuery({
    queryKey: [...trpc.timeline.pathKey(), "latestQuestion", { referralId, version }],
    enabled,
    queryFn: async () => {
      let cursor: string | undefined;
      let question: { text: string; askedBy: string | null; at: string } | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await client.timeline.list.query({ referralId, cursor, limit: 200 });
        for (const e of res.items) {
          const text = (e.data as { question?: unknown }).question;
          if (e.type === "info_requested" && typeof text === "string") {
            question = { text, askedBy: e.actorName, at: e.createdAt };
          }
        }
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
      }
      return question;
    },
  });
}
