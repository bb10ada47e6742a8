import { appointment, user } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../test-server";
import { httpClient } from "./http-episode";

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The calendar routes over HTTP: an appointment's .ics (cookie, its parties only) and the token feed. */
describe.each(testDbTargets())("calendar routes on %s", (target) => {
  let s: Server;
  let h: ReturnType<typeof httpClient>;
  let p: Awaited<ReturnType<ReturnType<typeof httpClient>["parties"]>>;
  let appointmentId: string;
  const startsAt = new Date("2031-03-10T15:00:00.000Z"); // 11:00 EDT, just after the March change

  beforeAll(async () => {
    s = await startTestServer(target, { signInLimit: 50 });
    h = httpClient(s);
    p = await h.parties();
    const { referralId } = await h.prescribed(p);
    await s.db.update(user).set({ timeZone: "America/New_York" }).where(eq(user.id, p.patient.id));
    // Booking itself is tested through the router (packages/api appointments suite); here a row to serve.
    const [row] = await s.db
      .insert(appointment)
      .values({
        referralId,
        therapistId: p.therapist.id,
        patientId: p.patient.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        minutes: 60,
        location: "clinic",
        status: "confirmed",
      })
      .returning({ id: appointment.id });
    appointmentId = row?.id ?? "";
  }, 120_000);
  afterAll(async () => s?.close());

  const startOf = (text: string) => {
    const root = new ICAL.Component(ICAL.parse(text));
    for (const tz of root.getAllSubcomponents("vtimezone"))
      ICAL.TimezoneService.register(new ICAL.Timezone(tz));
    const event = new ICAL.Event(root.getFirstSubcomponent("vevent") ?? undefined);
    return { at: event.startDate.toJSDate().toISOString(), tzid: event.startDate.zone?.tzid };
  };

  it("sends an appointment's .ics to its patient as a no-store attachment with the right instant", async () => {
    const res = await h.get(p.patient, `/calendar/appointments/${appointmentId}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="appointment-${appointmentId}.ics"`,
    );
    const text = await res.text();
    expect(text).toContain("DTSTART;TZID=America/New_York:20310310T110000");
    expect(startOf(text)).toEqual({ at: startsAt.toISOString(), tzid: "America/New_York" });
  });

  it("401 without a session; 404 to an outsider, for an unknown or a malformed id", async () => {
    expect((await h.get(null, `/calendar/appointments/${appointmentId}.ics`)).status).toBe(401);
    for (const [who, path] of [
      [p.outsider, `/calendar/appointments/${appointmentId}.ics`],
      [p.physician, `/calendar/appointments/${appointmentId}.ics`],
      [p.patient, "/calendar/appointments/00000000-0000-4000-8000-000000000000.ics"],
      [p.patient, "/calendar/appointments/nope.ics"],
    ] as const) {
      const res = await h.get(who, path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("the feed URL works without a session until it is revoked", async () => {
    const { path } = await h.mutate<{ path: string }>(p.therapist, "calendar.createFeed", {});
    const feed = await h.get(null, path);
    expect(feed.status).toBe(200);
    expect(startOf(await feed.text()).at).toBe(startsAt.toISOString());
    await h.mutate(p.therapist, "calendar.revokeFeed", {});
    expect((await h.get(null, path)).status).toBe(404);
    expect((await h.get(null, "/calendar/feed/not-a-token.ics")).status).toBe(404);
  });
});
