import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { browserAvailable, expectNoPageErrors, launchBrowser, screenshot, url } from "./harness/browser";
import { checkPage, demoPortal, expectLive, openReferral, referralIdOf, timeline } from "./harness/episode";

const SEEDED_PRIVATE = "Dr. Chen, could we talk about lowering the ibuprofen at my next visit?";
const SEEDED_SHARED = "Thank you! Evenings after 5 pm work best for me.";
const NEW_PRIVATE = "The pain wakes me up around 3 am; is that worth mentioning to the therapist?";

/** A phone-width screenshot beside the desktop one checkPage took (the overflow check ran in checkPage). */
async function phoneShot(page: Page, name: string) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 780 });
  // The navigation collapses into its drawer after the resize: shoot once it has.
  await page.waitForTimeout(800);
  await page.evaluate("window.scrollTo(0, 0)");
  await screenshot(page, `${name}-360`);
  if (before) await page.setViewportSize(before);
}

/**
 * The private thread on the demo's "planning" referral: the patient writes to their physician only, the physician
 * reads it (and answers the same way), the therapist on the referral sees the shared messages and none of these.
 */
describe.skipIf(!browserAvailable)("private thread between patient and physician", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  // Three portals signed in one after the other on a shared 2-core machine.
  test("patient writes privately, physician reads it, therapist never sees it", {
    timeout: 240_000,
  }, async () => {
    const patient = await demoPortal(browser, "patient");
    const { page } = patient;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My referrals" }).click();
    await page.getByRole("heading", { level: 1, name: "My referrals" }).waitFor();
    // The seeded private message is on "Lower back" (planning in the seed; an earlier e2e file may have moved it on).
    await page
      .getByRole("listitem", { name: "Lower back, Dr. Alicia Chen", exact: true })
      .getByRole("link", { name: "Lower back", exact: true })
      .click();
    const referralId = referralIdOf(page);
    const panel = timeline(page);
    await panel.waitFor();
    const seeded = panel.getByRole("listitem").filter({ hasText: SEEDED_PRIVATE });
    await seeded.getByText("Private: patient and physician only").waitFor();

    await panel.getByRole("radio", { name: "Only my physician" }).check();
    await panel.getByRole("textbox", { name: "Private message" }).fill(NEW_PRIVATE);
    await panel.getByRole("button", { name: "Send message" }).click();
    await expectLive(
      panel.getByRole("listitem").filter({ hasText: NEW_PRIVATE }),
      "the patient's private message",
    );
    // Only the private thread: the shared messages step aside.
    // The segmented control's radios are drawn by their labels.
    await panel.locator("label", { hasText: "Private messages" }).click();
    expect(await panel.getByRole("radio", { name: "Private messages" }).isChecked()).toBe(true);
    await panel.getByText(SEEDED_SHARED).waitFor({ state: "hidden" });
    await panel.getByText(NEW_PRIVATE).waitFor();
    await checkPage(page, "private-thread-1-patient", "the patient's private thread");
    await phoneShot(page, "private-thread-1-patient");

    const physician = await demoPortal(browser, "physician");
    await openReferral(physician.page, "physician", referralId);
    const theirs = timeline(physician.page);
    await theirs
      .getByRole("listitem")
      .filter({ hasText: NEW_PRIVATE })
      .getByText("Private: patient and physician only")
      .waitFor();
    await theirs.getByRole("radio", { name: "Only the patient" }).waitFor();
    await checkPage(
      physician.page,
      "private-thread-2-physician",
      "the physician's view of the private thread",
    );
    await phoneShot(physician.page, "private-thread-2-physician");

    const therapist = await demoPortal(browser, "therapist");
    await openReferral(therapist.page, "therapist", referralId);
    const therapists = timeline(therapist.page);
    await therapists.getByText(SEEDED_SHARED).waitFor();
    expect(await therapists.getByText(NEW_PRIVATE).count()).toBe(0);
    expect(await therapists.getByText(SEEDED_PRIVATE).count()).toBe(0);
    expect(await therapists.getByText("Private: patient and physician only").count()).toBe(0);
    // No way to write into it either.
    expect(await therapists.getByRole("radio", { name: /Only/ }).count()).toBe(0);
    await checkPage(therapist.page, "private-thread-3-therapist", "the therapist's timeline");
    await phoneShot(therapist.page, "private-thread-3-therapist");

    // Every portal's profile has the person's time zone (the demo's people live in Los Angeles).
    for (const [t, role] of [
      [patient, "patient"],
      [physician, "physician"],
      [therapist, "therapist"],
    ] as const) {
      await t.page.goto(url(`/${role}/profile`));
      const zone = t.page.getByRole("combobox", { name: "Time zone" });
      await zone.waitFor();
      expect(await zone.inputValue()).toBe("America/Los_Angeles");
      await checkPage(t.page, `profile-time-zone-${role}`, `the ${role}'s profile`);
      await phoneShot(t.page, `profile-time-zone-${role}`);
    }

    for (const t of [patient, physician, therapist]) {
      expectNoPageErrors(t);
      await t.context.close();
    }
  });
});
