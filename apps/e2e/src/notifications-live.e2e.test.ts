import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshEmail } from "./harness/accounts";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage } from "./harness/browser";
import {
  checkPage,
  demoPortal,
  expectLive,
  openReferral,
  requestReferral,
  signUpPatientInCalifornia,
  timeline,
  waitUntilLive,
} from "./harness/episode";

const PASSWORD = "correct-horse-battery";

/** The header's bell: its accessible name carries the unread count. */
const bell = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Notifications, / });

async function unread(page: Page): Promise<number> {
  const label = (await bell(page).getAttribute("aria-label")) ?? "";
  const m = /, (\d+) unread$/.exec(label);
  return m ? Number(m[1]) : 0;
}

/** The bell's stream is connected (`data-live`), so what happens from now on arrives without a reload. */
async function waitForStream(page: Page) {
  await page.locator('[data-live="true"]').waitFor();
}

describe.skipIf(!browserAvailable)("notifications reach an open portal live", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("a patient's request shows in the physician's open inbox, bell and 'needs your action' without a reload; mark read; new since the last visit", async () => {
    const doctor = await demoPortal(browser, "physician");
    const d = doctor.page;
    await waitForStream(d);
    const before = await unread(d);
    const needsAction = d.getByRole("region", { name: "Needs your action" });
    await needsAction.waitFor();
    await checkPage(
      d,
      "notifications-live-1-physician-home",
      "the physician's home page with needs-your-action",
    );

    const patient = await newPage(browser, "notifications-live-patient");
    const p = patient.page;
    const name = `Nadia Live ${randomUUID().slice(0, 6)}`;
    await signUpPatientInCalifornia(p, name, freshEmail("patient"), PASSWORD);
    await checkPage(
      p,
      "notifications-live-2-patient-home",
      "a new patient's home page with needs-your-action",
    );
    const referralId = await requestReferral(p, "Lower back pain since the move, worse every evening.");

    // The physician did not reload: the inbox row, the bell and the action list all follow the stream.
    const inbox = d.getByRole("region", { name: "Referrals" });
    await expectLive(inbox.getByRole("link", { name }), "the new request in the physician's inbox");
    await expect.poll(() => unread(d), { timeout: 5_000 }).toBe(before + 1);
    await expectLive(needsAction.getByRole("link", { name }), "the request under 'Requests to review'");
    await checkPage(
      d,
      "notifications-live-3-physician-inbox-live",
      "the physician's inbox after the live update",
    );

    // The notification list, newest first; mark it read and the bell counts one fewer.
    await bell(d).click();
    await d.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await checkPage(d, "notifications-live-4-notifications", "the physician's notifications");
    await d
      .getByRole("button", { name: "Mark read: A patient asked you for a massage prescription." })
      .first()
      .click();
    await expect.poll(() => unread(d), { timeout: 5_000 }).toBe(before);

    // First visit to the referral: nothing is marked new. The patient writes meanwhile; the next visit marks it.
    await openReferral(d, "physician", referralId);
    await waitUntilLive(d);
    expect(await d.getByTestId("new-since-last-visit").count()).toBe(0);
    await checkPage(d, "notifications-live-5-physician-first-visit", "the referral on a first visit");
    await d.goto(d.url().replace(/\/referrals\/.*$/, "/"));
    await waitForStream(d);
    const message = "I forgot to say: it also wakes me at night.";
    await p.getByRole("textbox", { name: "Message to everyone on this referral" }).fill(message);
    await p.getByRole("button", { name: "Send message" }).click();
    await timeline(p).getByText(message).waitFor();
    await checkPage(p, "notifications-live-6-patient-referral", "the patient's referral after a message");
    await expect.poll(() => unread(d), { timeout: 5_000 }).toBe(before + 1);
    await openReferral(d, "physician", referralId);
    await d
      .getByTestId("new-since-last-visit")
      .filter({ hasText: "1 update since your last visit" })
      .waitFor();
    const fresh = timeline(d).locator("li[data-new]");
    await fresh.getByText(message).waitFor();
    expect(await fresh.count()).toBe(1);
    // The notice at the top of the page links to the first new event.
    await d.getByRole("link", { name: "Go to the first new one on the timeline" }).click();
    await d.waitForURL(/#timeline-event-\d+$/);
    expect(await fresh.getAttribute("id")).toBe(new URL(d.url()).hash.slice(1));
    await checkPage(
      d,
      "notifications-live-7-physician-new-since",
      "the referral with new-since-your-last-visit markers",
    );

    expectNoPageErrors(doctor);
    expectNoPageErrors(patient);
    await doctor.context.close();
    await patient.context.close();
  }, 180_000);
});
