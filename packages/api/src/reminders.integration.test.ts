import { notification } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDueReminders } from "./services/reminder-service";
import { activeReferral, type Parties } from "./testing/episode";
import { inDays, type Member, therapistProfileInput } from "./testing/referral-fixtures";
import { shiftedClock } from "./testing/shifted-clock";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";
import { goalsFrom, onDay, planInput, REQUEST_BASELINES, sessionInput } from "./testing/treatment-fixtures";

const DAY_MS = 24 * 60 * 60 * 1000;

/** An episode whose prescription ends in `days` (its plan's goals are due by then). */
const endingIn = (days: number) => ({
  rx: { expiresOn: inDays(days) },
  plan: { goals: goalsFrom(REQUEST_BASELINES, inDays(1)) },
});

describe.each(testDbTargets())("scheduled reminders on %s", (target) => {
  let api: TestApi;
  const { now, at } = shiftedClock();
  const p = {} as Parties;
  let outsiders: Parties;

  beforeAll(async () => {
    api = await createTestApi(target, { now });
    p.physician = await api.member(SAMPLE.physician("Dr. Remind"));
    p.therapist = await api.member(therapistProfileInput("Tara Remind"));
    outsiders = {
      physician: await api.member(SAMPLE.physician("Dr. Elsewhere")),
      therapist: await api.member(therapistProfileInput("Theo Elsewhere")),
      patient: await api.member(SAMPLE.patient("Olga Elsewhere")),
    };
    // Someone else's episode, with nothing due: its people must never hear of anyone else's reminders.
    await activeReferral(outsiders);
  }, 120_000);
  afterAll(async () => api?.close());

  /** A fresh patient with the shared physician and therapist (each test's reminders are its referral's). */
  const parties = async (name: string): Promise<Parties> => ({
    ...p,
    patient: await api.member(SAMPLE.patient(name)),
  });

  /** The reminders written for one referral, as (who, kind) pairs. */
  async function remindersOf(referralId: string) {
    const rows = await api.db
      .select({ userId: notification.userId, kind: notification.kind })
      .from(notification)
      .where(and(eq(notification.referralId, referralId), isNotNull(notification.occurrence)));
    return rows.map((r) => `${r.kind} → ${r.userId}`).sort();
  }
  const to = (kind: string, ...members: Member[]) => members.map((m) => `${kind} → ${m.user.id}`);

  async function outsidersHaveNoReminders() {
    for (const m of Object.values(outsiders)) {
      const rows = await api.db
        .select()
        .from(notification)
        .where(and(eq(notification.userId, m.user.id), isNotNull(notification.occurrence)));
      expect(rows).toEqual([]);
    }
  }

  it("prescription expiring within 7 days: the physician and the patient, nobody else, once", async () => {
    const ep = await parties("Erin Expiring");
    const { referralId } = await activeReferral(ep, endingIn(5));
    await sendDueReminders(api.db, new Date());
    expect(await remindersOf(referralId)).toEqual(
      [...to("prescription_expiring", ep.physician, ep.patient)].sort(),
    );
    // The next hourly run, and the next day's, remind nobody again.
    await sendDueReminders(api.db, new Date());
    await sendDueReminders(api.db, new Date(Date.now() + DAY_MS));
    expect(await remindersOf(referralId)).toHaveLength(2);
    await outsidersHaveNoReminders();
  });

  it("nothing is due mid-treatment: no reminder at all", async () => {
    const ep = await parties("Nell Notdue");
    const { referralId } = await activeReferral(ep);
    await sendDueReminders(api.db, new Date());
    expect(await remindersOf(referralId)).toEqual([]);
  });

  it("renewal due (two sessions left): the physician only", async () => {
    const ep = await parties("Rita Renewal");
    const { referralId } = await activeReferral(ep, {
      rx: { sessionsPerWeek: 1, weeks: 12, totalSessions: 2 },
    });
    await sendDueReminders(api.db, new Date());
    expect(await remindersOf(referralId)).toEqual(to("renewal_due", ep.physician));
    await outsidersHaveNoReminders();
  });

  it("progress report due after 6 sessions: the patient only; their report starts a new interval", async () => {
    const ep = await parties("Paul Progress");
    const { referralId } = await at(-10 * DAY_MS, () =>
      activeReferral(ep, {
        rx: { validFrom: inDays(-10), sessionsPerWeek: 3, weeks: 12, totalSessions: 36 },
      }),
    );
    for (const day of [-9, -8, -7, -6, -5])
      await ep.therapist.caller.session.log(sessionInput(referralId, { occurredAt: onDay(day) }));
    await sendDueReminders(api.db, new Date());
    expect(await remindersOf(referralId)).toEqual([]);
    await ep.therapist.caller.session.log(sessionInput(referralId, { occurredAt: onDay(-4) }));
    await sendDueReminders(api.db, new Date());
    expect(await remindersOf(referralId)).toEqual(to("progress_report_due", ep.patient));
    await ep.patient.caller.progress.report({
      referralId,
      painNow: 3,
      eveningPain: 4,
      sleepHours: 7,
      medicationDoses: 1,
    });
    await sendDueReminders(api.db, new Date());
    expect(await remindersOf(referralId)).toHaveLength(1);
    await outsidersHaveNoReminders();
  });

  it("a plan waiting 2 days for approval reminds the clinician who has not approved it, not before", async () => {
    const ep = await parties("Pia Planned");
    const { referralId } = await activeReferral(ep);
    await ep.therapist.caller.plan.update(
      planInput(referralId, 1, { frequency: "Twice a week, 45 minutes" }),
    );
    await ep.therapist.caller.plan.approve({ referralId, version: 2 });
    await sendDueReminders(api.db, new Date(Date.now() + 2 * DAY_MS - 60_000));
    expect(await remindersOf(referralId)).toEqual([]);
    await sendDueReminders(api.db, new Date(Date.now() + 2 * DAY_MS + 60_000));
    expect(await remindersOf(referralId)).toEqual(to("plan_approval_overdue", ep.physician));
    // Approved now: the next version would be a new occurrence, this one is done.
    await ep.physician.caller.plan.approve({ referralId, version: 2 });
    await sendDueReminders(api.db, new Date(Date.now() + 3 * DAY_MS));
    expect(await remindersOf(referralId)).toHaveLength(1);
    await outsidersHaveNoReminders();
  });

  it("two runs at once (two instances) send each reminder once", async () => {
    const ep = await parties("Ida Idempotent");
    const { referralId } = await activeReferral(ep, endingIn(3));
    const runs = await Promise.all([
      sendDueReminders(api.db, new Date()),
      sendDueReminders(api.db, new Date()),
    ]);
    expect(await remindersOf(referralId)).toEqual(
      [...to("prescription_expiring", ep.physician, ep.patient)].sort(),
    );
    expect(runs[0]!.sent + runs[1]!.sent).toBe(2);
  });

  it("a reminder shows in the recipient's notification list like any other", async () => {
    const ep = await parties("Lena Listed");
    const { referralId } = await activeReferral(ep, endingIn(2));
    await sendDueReminders(api.db, new Date());
    const { items } = await ep.patient.caller.notification.list({ unreadOnly: true });
    expect(items.filter((n) => n.referralId === referralId).map((n) => n.kind)).toContain(
      "prescription_expiring",
    );
  });
});
