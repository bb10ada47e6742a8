import { portalDistDirs, seedDemo, startTestServer } from "@mm/server/testing";
import ICAL from "ical.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, launchBrowser, type TestPage } from "./harness/browser";
import { checkPage, demoPortal } from "./harness/episode";
import { expectNoHorizontalOverflow } from "./harness/overflow";

/** The start instant of the single event of an .ics, as a calendar app reads it (VTIMEZONE registered first). */
function icsStart(text: string): Date {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents("vtimezone"))
    ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  const vevent = root.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT in the .ics");
  return new ICAL.Event(vevent).startDate.toJSDate();
}

const inNewYork = (d: Date) =>
  new Intl.DateTimeFormat("en-US", {
    weekday: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "America/New_York",
  }).format(d);

async function openInTreatment(p: Page) {
  await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My referrals" }).click();
  await p.getByRole("heading", { level: 1, name: "My referrals" }).waitFor();
  await p
    .getByRole("listitem", { name: "Lower back and upper back, Dr. Alicia Chen" })
    .getByRole("link", { name: "Lower back and upper back", exact: true })
    .click();
  await p.getByRole("heading", { level: 1, name: "Referral to Dr. Alicia Chen" }).waitFor();
}

/**
 * Issue 13 on the demo referral in treatment (Pat Morgan with Jordan Rivera, one session a week): the therapist
 * publishes Monday hours in New York time, the patient books two Mondays from the open slots (shown in their own
 * zone), downloads one as .ics (it parses and holds Monday 09:00 New York), and the therapist confirms it; the
 * patient moves the other to another time, the physician sees the schedule against the plan, and the therapist
 * logs the session from the confirmed appointment once its time has come.
 *
 * The server runs in this process on the demo data, on a clock the test moves (the appointment is in the future
 * when booked and must be past when logged): the real app, portals and database, with an injected `now`.
 */
describe.skipIf(!browserAvailable)("appointments: availability, booking, calendar file, confirmation", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  /** How far the server's clock (and the therapist's browser's, at the end) runs ahead of the real one. */
  let shiftMs = 0;
  const serverNow = () => new Date(Date.now() + shiftMs);
  const open: TestPage[] = [];
  const url = (path: string) => `${server.origin}${path}`;
  beforeAll(async () => {
    server = await startTestServer("pglite", { portalDirs: portalDistDirs(), now: serverNow });
    await seedDemo(server.deps, new Date());
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const t of open) await t.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  test("therapist sets hours → patient books two → .ics has the right instant → therapist confirms, then logs it", async () => {
    const therapist = await demoPortal(browser, "therapist", server.origin);
    const patient = await demoPortal(browser, "patient", server.origin);
    open.push(therapist, patient);
    const t = therapist.page;
    const p = patient.page;

    // 1. The therapist's schedule: Monday 09:00-17:00 in New York, hour-long clinic sessions.
    await t.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedule" }).click();
    await t.getByRole("heading", { level: 1, name: "Schedule" }).waitFor();
    const hours = t.getByRole("region", { name: "Weekly hours" });
    await hours.getByRole("textbox", { name: "Your time zone" }).fill("America/New_York");
    await hours.getByRole("button", { name: "Add hours" }).click();
    await hours.getByRole("button", { name: "Remove the Monday hours" }).waitFor();
    await checkPage(t, "appointments-01-therapist-hours", "the therapist's schedule with weekly hours");
    await expectNoHorizontalOverflow(t, "the therapist's schedule");
    await hours.getByRole("button", { name: "Save hours" }).click();
    await t.getByText("Patients can book these times now.").first().waitFor();

    // 2. The patient books the first open Monday slot, then one on the next Monday (one session a week).
    await openInTreatment(p);
    const panel = p.getByRole("region", { name: "Appointments" });
    const slots = panel.getByRole("button", { name: /^Book on .* · 60 min/ });
    await slots.first().waitFor();
    await checkPage(p, "appointments-02-patient-slots", "the patient's open slots");
    await expectNoHorizontalOverflow(p, "the patient's open slots");
    const labels = await slots.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    const dayOf = (label: string) => /^Book on (.+) at /.exec(label)?.[1] ?? "";
    const firstDay = dayOf(labels[0] ?? "");
    const otherWeek = labels.find((l) => dayOf(l) !== firstDay);
    expect(otherWeek, "open slots on two different Mondays").toBeDefined();

    await slots.first().click();
    await p.getByText("Your therapist will confirm it.").first().waitFor();
    const mine = panel.getByRole("list", { name: "Your appointments" });
    await mine.getByRole("listitem").first().waitFor();
    await panel.getByRole("button", { name: otherWeek }).click();
    await expect.poll(() => mine.getByRole("listitem").count(), { timeout: 10_000 }).toBe(2);
    await checkPage(p, "appointments-03-patient-booked", "the patient's two booked appointments");

    // 3. "Add to my calendar": the .ics parses and starts at Monday 09:00 in New York.
    const href = await mine
      .getByRole("link", { name: /^Add to my calendar: / })
      .first()
      .getAttribute("href");
    expect(href).toMatch(/^\/calendar\/appointments\/[0-9a-f-]{36}\.ics$/);
    const res = await p.request.get(url(href ?? ""));
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const firstStart = icsStart(await res.text());
    expect(inNewYork(firstStart)).toBe("Monday 09:00");

    // The private calendar link works without a session, until the patient stops it.
    const feed = p.getByRole("region", { name: "Calendar link" });
    await feed.getByRole("button", { name: "Get my calendar link" }).click();
    const link = await feed.getByRole("textbox", { name: "Your private calendar link" }).inputValue();
    expect(link).toMatch(/\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    await checkPage(p, "appointments-03b-patient-feed", "the patient's calendar link");
    const subscribed = await fetch(link);
    expect(subscribed.status).toBe(200);
    expect(inNewYork(icsStart(await subscribed.text()))).toBe("Monday 09:00");
    await feed.getByRole("button", { name: "Stop my calendar link" }).click();
    await feed.getByText("Your calendar link no longer works.").waitFor();
    expect((await fetch(link)).status).toBe(404);

    // 4. The therapist confirms the request.
    await t.reload();
    const upcoming = t.getByRole("region", { name: "Upcoming appointments" });
    const confirm = upcoming.getByRole("button", { name: /^Confirm Pat Morgan on / }).first();
    await confirm.waitFor();
    await checkPage(t, "appointments-04-therapist-requests", "the therapist's requests and week calendar");
    await confirm.click();
    await t.getByText("Appointment confirmed").first().waitFor();
    await expect
      .poll(() => upcoming.getByText("Confirmed", { exact: true }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);

    // 5. The patient moves the second appointment to another time of the same Monday.
    await p.reload();
    const moved = panel.getByRole("list", { name: "Your appointments" });
    await moved
      .getByRole("button", { name: /^Reschedule: / })
      .nth(1)
      .click();
    await panel.getByRole("heading", { name: /^Choose a new time for / }).waitFor();
    const moves = panel.getByRole("button", { name: /^Move to .* · 60 min/ });
    await moves.first().waitFor();
    const moveLabels = await moves.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    const sameMonday = moveLabels.find((l) => l.startsWith(`Move to ${dayOf(otherWeek ?? "")} at `));
    expect(sameMonday, "another open time on the second Monday").toBeDefined();
    await checkPage(p, "appointments-05-patient-reschedule", "the patient choosing a new time");
    await panel.getByRole("button", { name: sameMonday }).click();
    await p.getByText("Your therapist will confirm the new time.").first().waitFor();

    // 6. The physician sees the schedule against the plan on the referral.
    const referralPath = new URL(p.url()).pathname.replace(/^\/patient/, "/physician");
    const physician = await demoPortal(browser, "physician", server.origin);
    open.push(physician);
    await physician.page.goto(url(referralPath));
    const plan = physician.page.getByRole("region", { name: "Schedule against the plan" });
    await plan.getByRole("table").waitFor();
    await checkPage(
      physician.page,
      "appointments-06-physician-schedule",
      "the physician's schedule against the plan",
    );
    await expectNoHorizontalOverflow(physician.page, "the physician's referral with the schedule");

    // 7. An hour after the confirmed appointment began (the server's clock and the therapist's browser's moved
    // there), "Log this session" opens the session form from it (ids only in the address), pre-filled with its
    // length; logged, the appointment is completed.
    shiftMs = firstStart.getTime() + 60 * 60_000 - Date.now();
    await therapist.context.clock.install({ time: serverNow() });
    const apptId = /appointments\/([0-9a-f-]{36})\.ics$/.exec(href ?? "")?.[1];
    const therapistReferral = referralPath.replace(/^\/physician/, "/therapist");
    await t.goto(url(`${therapistReferral}/sessions/new?appointment=${apptId}`));
    await t.getByText(/^From the appointment on /).waitFor();
    expect(await t.getByRole("textbox", { name: "Minutes" }).inputValue()).toBe("60");
    await checkPage(
      t,
      "appointments-07-therapist-log-from-appointment",
      "the session form from an appointment",
    );
    const form = t.getByRole("region", { name: "Session form" });
    await form.getByRole("radio", { name: /^97124/ }).check();
    const techniques = form
      .getByRole("textbox", { name: "Techniques" })
      .or(form.getByRole("combobox", { name: "Techniques" }))
      .first();
    if ((await form.getByText("Swedish massage", { exact: true }).count()) === 0) {
      await techniques.fill("Swedish massage");
      await techniques.press("Enter");
    }
    await form.getByRole("radio", { name: "Firm", exact: true }).check();
    await form.getByRole("textbox", { name: "Pain before" }).fill("6");
    await form.getByRole("textbox", { name: "Pain after" }).fill("4");
    await form.getByRole("textbox", { name: "Subjective" }).fill("Stiff after a week at the desk.");
    await form.getByRole("textbox", { name: "Objective" }).fill("Hypertonic upper trapezius.");
    await form.getByRole("textbox", { name: "Assessment" }).fill("Good tissue response.");
    await form.getByRole("textbox", { name: "Plan", exact: true }).fill("Continue weekly.");
    await form.getByRole("button", { name: "Log session" }).click();
    await expect.poll(() => new URL(t.url()).pathname, { timeout: 15_000 }).toBe(therapistReferral);
    const listed = await t.request.post(url("/trpc/appointment.list"), {
      data: { referralId: /referrals\/([0-9a-f-]{36})/.exec(therapistReferral)?.[1] },
      headers: { origin: server.origin, "x-http-method-override": "GET" },
    });
    const appointments = (await listed.json()).result.data as { id: string; status: string }[];
    expect(appointments.find((a) => a.id === apptId)?.status).toBe("completed");
  }, 240_000);
});
