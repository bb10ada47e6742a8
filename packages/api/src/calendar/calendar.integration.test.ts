import { user } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { type AvailabilitySetInput, startOfDay } from "@mm/domain";
import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activeReferral } from "../testing/episode";
import { coverageInput, inDays, type Member, therapistProfileInput } from "../testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { appointmentIcsDownload, calendarFeedIcs } from "./calendar-service";

const NY = "America/New_York";
const WEEK: AvailabilitySetInput = {
  timeZone: NY,
  windows: [1, 2, 3, 4, 5, 6, 7].map((dayOfWeek) => ({
    dayOfWeek,
    start: "09:00",
    end: "17:00",
    sessionMinutes: [60],
    location: "home" as const,
  })),
  exceptions: [],
  lateCancelHours: 24,
  autoConfirm: true,
};

/** The events of an .ics as ical.js reads them, its VTIMEZONEs registered first (as a calendar app does). */
function parseIcs(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents("vtimezone"))
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return root.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      tzid: e.startDate.zone?.tzid,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      localStart: e.startDate.toString(),
      summary: e.summary,
      status: v.getFirstPropertyValue("status"),
    };
  });
}

/** An .ics per appointment (its parties only) and a private, revocable feed per user, both with correct zones. */
describe.each(testDbTargets())("calendar files on %s", (target) => {
  let api: TestApi;
  let patient: Member;
  let therapist: Member;
  let outsider: Member;
  let appointmentId: string;
  // 10:00 in New York, 5 days from now: a summer or winter offset, whatever today is.
  const at = () => new Date(startOfDay(inDays(5), NY).getTime() + 10 * 3_600_000);

  beforeAll(async () => {
    api = await createTestApi(target);
    const physician = await api.member(SAMPLE.physician("Dr. Cal"));
    therapist = await api.member(therapistProfileInput("Cara Calendar"));
    patient = await api.member(SAMPLE.patient("Cal Patient"));
    outsider = await api.member(SAMPLE.patient("Olly Outside"));
    // The patient lives in Los Angeles: their files are written in their own zone.
    await api.db.update(user).set({ timeZone: "America/Los_Angeles" }).where(eq(user.id, patient.user.id));
    await patient.caller.coverage.upsert(coverageInput());
    const { referralId } = await activeReferral({ patient, physician, therapist });
    await therapist.caller.availability.set(WEEK);
    const out = await patient.caller.appointment.book({
      referralId,
      startsAt: at().toISOString(),
      minutes: 60,
      location: "home",
    });
    appointmentId = out.appointment.id;
  }, 120_000);
  afterAll(async () => api?.close());

  const ctxOf = async (m: Member) => {
    const { ctx } = await api.callerFor(new Headers({ cookie: m.cookie }));
    return ctx as typeof ctx & { user: NonNullable<typeof ctx.user> };
  };

  it("an appointment's .ics parses, names the viewer's zone and holds the right instant", async () => {
    const d = await appointmentIcsDownload(await ctxOf(patient), appointmentId, "https://mm.example");
    expect(d.contentType).toBe("text/calendar; charset=utf-8");
    const text = new TextDecoder().decode(d.bytes);
    expect(text).toContain("BEGIN:VTIMEZONE");
    expect(text).toMatch(/DTSTART;TZID=America\/Los_Angeles:\d{8}T070000/);
    const [event] = parseIcs(text);
    expect(event).toMatchObject({
      uid: `${appointmentId}@medmassage`,
      tzid: "America/Los_Angeles",
      start: at().toISOString(),
      end: new Date(at().getTime() + 3_600_000).toISOString(),
      summary: "Appointment",
      status: "CONFIRMED",
    });
    // No health data and no names in a file that leaves the system.
    expect(text).not.toMatch(/Cal Patient|Cara Calendar|back|pain|M54/i);

    // The therapist's copy is written in their zone (UTC here), the same instant.
    const theirs = parseIcs(
      new TextDecoder().decode(
        (await appointmentIcsDownload(await ctxOf(therapist), appointmentId, "https://mm.example")).bytes,
      ),
    );
    expect(theirs[0]?.start).toBe(at().toISOString());
  });

  it("an outsider's or a malformed id is NOT_FOUND", async () => {
    await expect(appointmentIcsDownload(await ctxOf(outsider), appointmentId, "x")).rejects.toMatchObject({
      rule: "appointment.not_found",
    });
    await expect(appointmentIcsDownload(await ctxOf(patient), "nope", "x")).rejects.toMatchObject({
      rule: "appointment.not_found",
    });
  });

  it("the private feed lists the user's appointments; a new token or a revocation ends the old URL", async () => {
    const first = await patient.caller.calendar.createFeed();
    expect(first.path).toMatch(/^\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = (p: string) => p.slice("/calendar/feed/".length, -".ics".length);
    const feed = await calendarFeedIcs(api.db, token(first.path), new Date(), "https://mm.example");
    expect(parseIcs(feed ?? "").map((e) => e.start)).toEqual([at().toISOString()]);
    // The outsider's own feed does not show it.
    const theirs = await outsider.caller.calendar.createFeed();
    expect(parseIcs((await calendarFeedIcs(api.db, token(theirs.path), new Date(), "x")) ?? "")).toEqual([]);

    const second = await patient.caller.calendar.createFeed();
    expect(await calendarFeedIcs(api.db, token(first.path), new Date(), "x")).toBeNull();
    expect(await calendarFeedIcs(api.db, token(second.path), new Date(), "x")).not.toBeNull();
    await patient.caller.calendar.revokeFeed();
    expect(await calendarFeedIcs(api.db, token(second.path), new Date(), "x")).toBeNull();
    expect(await calendarFeedIcs(api.db, "../../etc/passwd", new Date(), "x")).toBeNull();
  });
});
