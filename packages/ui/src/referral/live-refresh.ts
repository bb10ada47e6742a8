import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTRPC } from "../trpc";
import type { TimelineEvent } from "./types";

/** Parts of the record a timeline event can change, beyond the referral itself. */
type Area = "plan" | "progress" | "sessions";

const AREAS_BY_TYPE: Partial<Record<string, Area[]>> = {
  plan_updated: ["plan"],
  plan_approved: ["plan"],
  plan_acknowledged: ["plan"],
  plan_in_effect: ["plan", "progress"],
  session_logged: ["sessions", "progress"],
  progress_reported: ["progress"],
  progress_shared: ["progress"],
  warning: ["progress"],
  prescription_signed: ["progress"],
  prescription_renewed: ["progress"],
  coverage_recorded: ["progress"],
  therapist_accepted: ["plan"],
  referral_completed: ["plan", "progress"],
  referral_discontinued: ["plan", "progress"],
  referral_withdrawn: ["plan", "progress"],
  referral_expired: ["plan", "progress"],
};

/** Whether the event moved the referral to another status (inbox lists and their counts change then). */
function changesStatus(event: TimelineEvent): boolean {
  const data = (event.data ?? {}) as Record<string, unknown>;
  return typeof data.to === "string" && data.to !== data.from;
}

/**
 * Panels of a referral refresh when a timeline event arrives. The referral itself always does (every action bumps
 * its version, which the pages send back as their stale-page check); plan, progress and sessions only for events
 * that change them. Events within a short window are coalesced: a reconnect can replay a burst, which should cost
 * one refetch per panel, not one per event.
 */
export function useReferralRefresh(referralId: string, delayMs = 150) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<{ areas: Set<Area>; statusChanged: boolean }>({
    areas: new Set(),
    statusChanged: false,
  });

  const flush = useCallback(() => {
    timer.current = null;
    const { areas, statusChanged } = pending.current;
    pending.current = { areas: new Set(), statusChanged: false };
    const keys: QueryKey[] = [trpc.referral.get.queryKey({ id: referralId })];
    if (statusChanged) keys.push(trpc.referral.list.pathKey());
    if (areas.has("plan")) keys.push(trpc.plan.get.queryKey({ referralId }));
    if (areas.has("progress"))
      keys.push(
        trpc.progress.series.queryKey({ referralId }),
        trpc.progress.summary.queryKey({ referralId }),
      );
    if (areas.has("sessions")) keys.push(trpc.session.list.queryKey({ referralId }));
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  }, [trpc, queryClient, referralId]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  return useCallback(
    (event: TimelineEvent) => {
      for (const area of AREAS_BY_TYPE[event.type] ?? []) pending.current.areas.add(area);
      if (changesStatus(event)) pending.current.statusChanged = true;
      if (!timer.current) timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );
}
