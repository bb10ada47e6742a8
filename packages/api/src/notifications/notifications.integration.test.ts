import { randomUUID } from "node:crypto";
import { notification } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { NOTIFICATION_KINDS } from "@mm/domain";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectRefused,
  type Member,
  referralInput,
  therapistProfileInput,
} from "../testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { insertNotifications, notificationEffects, writeNotifications } from "./effects";

describe.each(testDbTargets())("notifications on %s", (target) => {
  let api: TestApi;
  let physician: Member;
  let patient: Member;
  let therapist: Member;
  let outsider: Member;
  let referralId: string;
  beforeAll(async () => {
    api = await createTestApi(target);
    physician = await api.member(SAMPLE.physician("Dr. Bell"));
    patient = await api.member(SAMPLE.patient("Nora Notified"));
    therapist = await api.member(therapistProfileInput("Theo Bell"));
    outsider = await api.member(SAMPLE.patient("Otto Outsider"));
    ({
      referral: { id: referralId },
    } = await patient.caller.referral.create(referralInput(physician.user.id)));
  });
  afterAll(async () => api?.close());

  const parties = () => ({ patientId: patient.user.id, physicianId: physician.user.id, therapistId: null });
  const rowsFor = (userId: string) =>
    api.db.select().from(notification).where(eq(notification.userId, userId));

  it("an event's effects commit with their change, for the right people only", async () => {
    const effects = notificationEffects(
      { type: "message_posted", actorId: patient.user.id, referralId },
      parties(),
    );
    expect(effects).toEqual([
      { id: expect.any(String), userId: physician.user.id, referralId, kind: "message" },
    ]);
    await api.db.transaction((tx) => writeNotifications(tx, effects));
    // Besides the request's own notification, which the write path wrote when the referral was created.
    expect((await rowsFor(physician.user.id)).map((n) => n.kind).sort()).toEqual([
      "message",
      "referral_requested",
    ]);
    for (const m of [patient, therapist, outsider]) expect(await rowsFor(m.user.id)).toHaveLength(0);
    expect(await physician.caller.notification.unreadCount()).toEqual({ count: 2 });
    expect(await outsider.caller.notification.unreadCount()).toEqual({ count: 0 });
    expect((await outsider.caller.notification.list({})).items).toEqual([]);
  });

  it("rolls back with its change: a failed transaction leaves no notification", async () => {
    const before = (await rowsFor(patient.user.id)).length;
    const effects = notificationEffects(
      { type: "info_requested", actorId: physician.user.id, referralId },
      parties(),
    );
    await expect(
      api.db.transaction(async (tx) => {
        await writeNotifications(tx, effects);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await rowsFor(patient.user.id)).toHaveLength(before);
  });

  it("works as a CTE of a closing statement", async () => {
    const effects = notificationEffects(
      { type: "info_requested", actorId: physician.user.id, referralId },
      parties(),
    );
    const cte = insertNotifications(effects);
    expect(insertNotifications([])).toBeNull();
    const { sql } = await import("drizzle-orm");
    const result = await api.db.execute(
      sql`with notified as (${cte}) select count(*)::int as n from notified`,
    );
    const rows = (result as unknown as { rows: { n: number }[] }).rows;
    expect(rows[0]?.n).toBe(1);
    const list = await patient.caller.notification.list({});
    expect(list.items[0]).toMatchObject({ referralId, kind: "question_asked", readAt: null });
  });

  it("lists newest first with a cursor, unread only on request; marks read by id or all", async () => {
    const many = Array.from({ length: 23 }, () => ({
      id: randomUUID(),
      userId: therapist.user.id,
      referralId,
      kind: "message" as const,
    }));
    await writeNotifications(api.db, many);
    const first = await therapist.caller.notification.list({});
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toBeTruthy();
    const second = await therapist.caller.notification.list({ cursor: first.nextCursor! });
    expect(second.items).toHaveLength(3);
    expect(second.nextCursor).toBeNull();
    const ids = new Set([...first.items, ...second.items].map((i) => i.id));
    expect(ids.size).toBe(23);

    const [a, b] = first.items;
    expect(await therapist.caller.notification.markRead({ ids: [a!.id, b!.id] })).toEqual({ updated: 2 });
    expect(await therapist.caller.notification.markRead({ ids: [a!.id] })).toEqual({ updated: 0 });
    expect(await therapist.caller.notification.unreadCount()).toEqual({ count: 21 });
    const unread = await therapist.caller.notification.list({ unreadOnly: true });
    expect(unread.items.map((i) => i.id)).not.toContain(a!.id);
    expect(await therapist.caller.notification.markRead({ all: true })).toEqual({ updated: 21 });
    expect(await therapist.caller.notification.unreadCount()).toEqual({ count: 0 });
  });

  it("someone else's notification answers NOT_FOUND and marks nothing", async () => {
    // The physician's rows include the one the write path wrote when the referral was requested; pick one by id
    // (the select has no order) and check that none of them, that one included, was marked read.
    const before = await rowsFor(physician.user.id);
    const theirs = before[0]!;
    expect(before.every((n) => n.readAt === null)).toBe(true);
    await expectRefused(outsider.caller.notification.markRead({ ids: [theirs.id] }), "NOT_FOUND");
    const after = await rowsFor(physician.user.id);
    expect(after.find((n) => n.id === theirs.id)?.readAt).toBeNull();
    expect(after.filter((n) => n.readAt !== null)).toEqual([]);
    expect(after).toHaveLength(before.length);
    await expectRefused(patient.caller.notification.list({ cursor: "garbage" }), "BAD_REQUEST", "cursor");
    await expectRefused(patient.caller.notification.markRead({ ids: ["not-an-id"] } as never), "BAD_REQUEST");
  });

  it("preferences: every kind on by default; set some off, the rest stay", async () => {
    const defaults = await patient.caller.notification.preferences();
    expect(Object.keys(defaults)).toEqual([...NOTIFICATION_KINDS]);
    expect(Object.values(defaults).every((p) => p.email)).toBe(true);
    const after = await patient.caller.notification.setPreferences({ email: { message: false } });
    expect(after.message.email).toBe(false);
    expect(after.question_asked.email).toBe(true);
    const again = await patient.caller.notification.setPreferences({
      email: { message: true, plan_changed: false },
    });
    expect(again.message.email).toBe(true);
    expect(again.plan_changed.email).toBe(false);
    expect((await physician.caller.notification.preferences()).plan_changed.email).toBe(true);
    await expectRefused(
      patient.caller.notification.setPreferences({ email: { nope: false } } as never),
      "BAD_REQUEST",
    );
  });

  it("needs a session", async () => {
    await expectRefused(api.anonymous.notification.unreadCount(), "UNAUTHORIZED");
  });
});
