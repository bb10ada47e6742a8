import type { TimelineEventType } from "@mm/domain";
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { useTRPC } from "../trpc";
import type { TimelineEvent } from "./types";

/** Parts of the record a timeline event can change. */
type Area = "referral" | "plan" | "progress" | "sessions" | "directory" | "letters" | "files";

/**
 * What each timeline event refreshes, for every event type: a new type must say what it changes (at least the
 * referral), or this map does not compile. The referral itself is refetched on every event anyway (every change
 * bumps its version, which the pages send back as their stale-page check).
 */
export const AREAS_BY_TYPE: Record<TimelineEventType, readonly [Area, ...Area[]]> = {
  referral_requested: ["referral"],
  info_requested: ["referral"],
  info_provided: ["referral"],
  referral_declined: ["referral"],
  referral_cancelled: ["referral"],
  prescription_signed: ["referral", "progress", "directory"],
  prescription_renewed: ["referral", "progress"],
  coverage_recorded: ["referral", "progress", "directory"],
  therapist_chosen: ["referral", "directory"],
  therapist_accepted: ["referral", "plan"],
  therapist_turned_down: ["referral", "directory"],
  plan_updated: ["plan"],
  plan_approved: ["plan"],
  plan_acknowledged: ["plan"],
  plan_in_effect: ["referral", "plan", "progress"],
  session_logged: ["referral", "sessions", "progress"],
  progress_reported: ["progress"],
  progress_shared: ["progress"],
  warning: ["progress"],
  referral_completed: ["referral", "plan", "progress"],
  referral_discontinued: ["referral", "plan", "progress"],
  referral_withdrawn: ["referral", "plan", "progress"],
  referral_expired: ["referral", "plan", "progress"],
  message_posted: ["referral"],
  letter_signed: ["referral", "letters"],
  file_uploaded: ["referral", "files"],
  appointment_booked: ["referral"],
  appointment_confirmed: ["referral"],
  appointment_declined: ["referral"],
  appointment_rescheduled: ["referral"],
  appointment_cancelled: ["referral"],
  appointment_missed: ["referral"],
  session_amended: ["referral", "sessions"],
  visit_missed: ["referral", "sessions"],
  private_message_posted: ["referral"],
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
    if (areas.has("sessions"))
      keys.push(trpc.session.list.queryKey({ referralId }), trpc.session.listMissed.queryKey({ referralId }));
    if (areas.has("directory")) keys.push(trpc.directory.pathKey());
    if (areas.has("letters")) keys.push(trpc.letter.list.queryKey({ referralId }));
    if (areas.has("files")) keys.push(trpc.file.list.queryKey({ referralId }));
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
      // An event type this bundle does not know yet (a newer server) still refreshes the referral.
      for (const area of AREAS_BY_TYPE[event.type as TimelineEventType] ?? ["referral"])
        pending.current.areas.add(area);
      if (changesStatus(event)) pending.current.statusChanged = true;
      if (!timer.current) timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );
}
