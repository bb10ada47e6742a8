import type { Db, referral, Tx } from "@mm/db";
import type { ReferralParties, TimelineEventType } from "@mm/domain";
import type { SQL } from "drizzle-orm";
import { insertNotifications, type NotificationEffect, notificationEffects } from "../notifications/effects";
import { enqueueNotificationEmails, jobQueue } from "../notifications/outbox";
import { type AuditEntry, auditRows } from "../queries/audit";
import { type ReferralEnvelope, runClosingStatement } from "../queries/closing-statement";
import type { LockedReferral, ReferralUpdate } from "../queries/referral";
import { type EventActor, insertEvents, type NewEvent } from "../queries/timeline";

/**
 * What a change produces besides the row change itself. The write path turns each kind into part of the one
 * statement that closes the change (see `effectStatements`), so adding a kind (a notification to queue, a job to
 * schedule) is one new member here and one new case there.
 */
export type Effect = EventEffect; // next: | NotificationEffect | JobEffect

/** A timeline event on the changed referral, announced to live streams (NOTIFY) when the transaction commits. */
type EventEffect = {
  kind: "event";
  type: TimelineEventType;
  data?: Record<string, unknown>;
  /** Who the timeline names; the acting user unless given (e.g. `SYSTEM` for a threshold the change crossed). */
  actor?: EventActor;
};

export const SYSTEM = { id: null, role: "system" } as const;

/** Who makes a change: a signed-in user, or the server itself (scheduled jobs). */
type ChangeActor = { id: string; role: "patient" | "physician" | "therapist" | "admin" } | typeof SYSTEM;

/** A change to one locked referral (its version always bumps) or to a referral being created. */
type ReferralChange = {
  /** Locked by `lockReferrals` earlier in the same transaction (so its events commit in seq order), or new. */
  referral: LockedReferral | { insert: typeof referral.$inferInsert & { id: string } };
  set?: ReferralUpdate;
  effects: Effect[];
  /** The change's audit row; its referral is filled in. */
  audit: Omit<AuditEntry, "referralId">;
};

/** The referral's parties just after the change: who its notifications may go to. */
function partiesAfter(change: ReferralChange): ReferralParties {
  if ("insert" in change.referral) {
    const r = change.referral.insert;
    return { patientId: r.patientId, physicianId: r.physicianId, therapistId: r.therapistId ?? null };
  }
  const r = change.referral;
  const therapistId = change.set && "therapistId" in change.set ? change.set.therapistId : r.therapistId;
  return { patientId: r.patientId, physicianId: r.physicianId, therapistId: therapistId ?? null };
}

/**
 * One switch from effects to statements: the place to add a new kind of effect. A timeline event also produces
 * the notifications it causes (packages/domain decides who and what kind), written in the same statement.
 */
function effectStatements(actor: ChangeActor, changes: ReferralChange[]) {
  const events: NewEvent[] = [];
  const notifications: NotificationEffect[] = [];
  for (const change of changes) {
    const referralId = referralIdOf(change);
    for (const effect of change.effects) {
      switch (effect.kind) {
        case "event": {
          const eventActor = effect.actor ?? actor;
          events.push({ referralId, actor: eventActor, type: effect.type, data: effect.data });
          notifications.push(
            ...notificationEffects(
              { type: effect.type, actorId: eventActor.id, referralId },
              partiesAfter(change),
            ),
          );
          break;
        }
        default:
          effect.kind satisfies never;
      }
    }
  }
  const notified = insertNotifications(notifications);
  const statements = [...(events.length > 0 ? [insertEvents(events)] : []), ...(notified ? [notified] : [])];
  return { statements, notificationIds: notifications.map((n) => n.id) };
}

const referralIdOf = (change: ReferralChange) =>
  "insert" in change.referral ? change.referral.insert.id : change.referral.id;

/**
 * Closes a change to one or more referrals (or their children) in the caller's transaction: the change's own
 * writes, the referral rows (insert, or update with a version bump), the effects, and an audit row per referral,
 * all in ONE statement (`runClosingStatement`). Callers never write events, audit rows or NOTIFY themselves.
 * `audit` adds rows tied to no referral change (a patient's own record saved while no referral is open).
 */
export async function commitChanges(
  tx: Tx,
  actor: ChangeActor,
  close: { referrals: ReferralChange[]; writes?: SQL[]; audit?: AuditEntry[] },
): Promise<ReferralEnvelope[]> {
  const changes = close.referrals;
  const effects = effectStatements(actor, changes);
  const rows = await runClosingStatement(tx, {
    writes: close.writes ?? [],
    referrals: changes.map((c) =>
      "insert" in c.referral ? { insert: c.referral.insert } : { update: c.referral.id, set: c.set ?? {} },
    ),
    effects: effects.statements,
    audits: auditRows(actor, [
      ...changes.map((c) => ({ ...c.audit, referralId: referralIdOf(c) })),
      ...(close.audit ?? []),
    ]),
  });
  // The notifications' emails are queued in the same transaction (pg-boss's own insert), so a crash after the
  // commit leaves them queued and a rollback leaves none.
  const queue = jobQueue();
  if (queue && effects.notificationIds.length > 0)
    await enqueueNotificationEmails(queue, tx, effects.notificationIds);
  return rows;
}

type Commit<T> = {
  set?: ReferralUpdate;
  /** The change's own inserts/updates (ids chosen up front), run inside the closing statement. */
  writes?: SQL[];
  effects: Effect[];
  audit: Omit<AuditEntry, "referralId">;
  result?: T;
};

/** A change to one referral: lock it (checking it is the caller's), decide, close with `commitChanges`. */
export async function changeReferral<T = undefined>(
  db: Db,
  actor: ChangeActor,
  lock: (tx: Tx) => Promise<LockedReferral>,
  decide: (tx: Tx, current: LockedReferral) => Promise<Commit<T>>,
): Promise<{ referral: ReferralEnvelope; result: T }> {
  return db.transaction(async (tx) => {
    const current = await lock(tx);
    const out = await decide(tx, current);
    const [row] = await commitChanges(tx, actor, {
      referrals: [{ referral: current, set: out.set, effects: out.effects, audit: out.audit }],
      writes: out.writes,
    });
    if (!row) throw new Error("the locked referral was not updated");
    return { referral: row, result: out.result as T };
  });
}
