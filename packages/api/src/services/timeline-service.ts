import type { Db } from "@mm/db";
import type { TimelineListInput } from "@mm/domain";
import type { Context, SessionUser } from "../context";
import { loadReferral } from "../queries/referral";
import { eventsAfter, latestSeq, TIMELINE_CHANNEL } from "../queries/timeline";
import { audit } from "./audit";
import { liveWakeUps } from "./live-wake-ups";

async function latestTimelineSeq(db: Db, me: SessionUser, referralId: string): Promise<number> {
  await loadReferral(db, me, referralId);
  return latestSeq(db, referralId);
}

/** Oldest first; the cursor is the last seen event's sequence number. */
export async function listTimeline(db: Db, me: SessionUser, input: TimelineListInput) {
  const limit = input.limit ?? 50;
  const after = input.cursor ? Number(input.cursor) : 0;
  const rows = await eventsAfter(db, input.referralId, Number.isFinite(after) ? after : 0, limit + 1, me);
  // Every referral has its request event, so only an empty page needs the separate check (past the end, or
  // someone else's referral: NOT_FOUND).
  if (rows.length === 0) await loadReferral(db, me, input.referralId);
  await audit(db, me, { action: "timeline.list", referralId: input.referralId, entity: "timeline" });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? String(last.seq) : null };
}

const CATCH_UP_BATCH = 200;

/**
 * Checks access, records the read, and returns the live event stream starting after `lastEventId` (the last seq
 * the client has, from timeline.list), or after the newest event when none is given.
 */
export async function openTimelineStream(
  ctx: Context & { user: SessionUser },
  input: { referralId: string; lastEventId?: string | null },
  signal: AbortSignal,
) {
  const start =
    input.lastEventId != null
      ? Number(input.lastEventId)
      : await latestTimelineSeq(ctx.db, ctx.user, input.referralId);
  if (input.lastEventId != null) await loadReferral(ctx.db, ctx.user, input.referralId);
  await audit(ctx.db, ctx.user, {
    action: "timeline.subscribe",
    referralId: input.referralId,
    entity: "timeline",
  });
  return timelineEvents(ctx, input.referralId, start, signal);
}

/**
 * Live events of one referral. Wakes on the LISTEN/NOTIFY channel (so events written by any server instance
 * arrive), then reads from the database everything after the last delivered seq, in order, re-checking access.
 * The caller checks access once before iterating (so a stranger gets NOT_FOUND, not a broken stream).
 */
async function* timelineEvents(
  ctx: Context & { user: SessionUser },
  referralId: string,
  lastSeq: number,
  signal: AbortSignal,
) {
  const { wakeUps, close } = await liveWakeUps<{ referralId?: string }>(
    ctx,
    TIMELINE_CHANNEL,
    (message) => message.referralId === referralId,
    signal,
  );
  let seen = lastSeq;
  async function* drain() {
    for (;;) {
      // Read as the subscriber: a therapist's stream leaves out what their timeline.list leaves out.
      const batch = await eventsAfter(ctx.db, referralId, seen, CATCH_UP_BATCH, ctx.user);
      for (const e of batch) {
        seen = e.seq;
        yield e;
      }
      if (batch.length < CATCH_UP_BATCH) return;
    }
  }
  try {
    yield* drain();
    for await (const _ of wakeUps) {
      // Access can end mid-stream (e.g. a therapist turned the referral down).
      await loadReferral(ctx.db, ctx.user, referralId);
      yield* drain();
    }
  } catch (error) {
    if ((error as Error).name !== "AbortError") throw error;
  } finally {
    close();
  }
}
