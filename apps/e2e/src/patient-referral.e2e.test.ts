import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO, DEMO_PASSWORD } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage, screenshot } from "./harness/browser";
import { signIn } from "./harness/portal";

/** Waits for a dialog's opening transition to end (axe judges colours mid-fade otherwise). */
async function settled(dialog: Locator) {
  await dialog.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)),
  );
}

/** Opens one of the demo patient's referrals from "My referrals" by its title and status badge. */
async function openReferral(page: Page, title: string, status: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My referrals" }).click();
  await page.getByRole("heading", { level: 1, name: "My referrals" }).waitFor();
  const item = page
    .getByRole("listitem", { name: `${title}, Dr. Alicia Chen` })
    .filter({ has: page.getByText(status, { exact: true }) })
    .last();
  await item.getByRole("link", { name: title, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Referral to Dr. Alicia Chen" }).waitFor();
}

describe.skipIf(!browserAvailable)("patient: a referral's page in each state", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("question, cancel, treatment with a quick report, and the printable prescription", async () => {
    const t = await newPage(browser, "patient-referral");
    const { page } = t;
    await signIn(page, "patient", DEMO.patient.email, DEMO_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Welcome, Pat" }).waitFor();

    // Needs information: the physician's question and an answer box (left unanswered here: empty is refused).
    await openReferral(page, "Upper back", "Needs information");
    await page.getByRole("heading", { level: 2, name: "Answer your physician's question" }).waitFor();
    expect(await page.getByTestId("physician-question").textContent()).toContain("Did you have an X-ray");
    await page.getByRole("button", { name: "Send answer" }).click();
    await page.getByText("Answer is required").waitFor();
    await expectNoAxeViolations(page, "a referral that needs information");
    await screenshot(page, "patient-referral-needs-info");

    // Requested: cancel asks first; keeping it changes nothing.
    await openReferral(page, "Neck and shoulders", "Requested");
    await page.getByRole("button", { name: "Cancel this request" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this request?" });
    await dialog.waitFor();
    await settled(dialog);
    await dialog.getByRole("textbox", { name: "Reason (optional)" }).waitFor();
    await expectNoAxeViolations(page, "the cancel dialog");
    await dialog.getByRole("button", { name: "Keep my request" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("Requested", { exact: true }).first().waitFor();

    // In treatment: plan, progress charts, and "How do you feel today?" in a few taps.
    await openReferral(page, "Lower back and upper back", "In treatment");
    const report = page.getByRole("form", { name: "How do you feel today?" });
    await report.waitFor();
    await page.getByRole("heading", { level: 2, name: "Plan of care" }).waitFor();
    await page.getByRole("heading", { level: 2, name: "Progress" }).waitFor();
    await report
      .getByRole("radiogroup", { name: "Pain right now" })
      .getByRole("radio", { name: "3", exact: true })
      .click();
    await report
      .getByRole("radiogroup", { name: "Pain in the evening" })
      .getByRole("radio", { name: "4", exact: true })
      .click();
    await report.getByRole("textbox", { name: "Hours of sleep last night" }).fill("6.5");
    await report.getByRole("textbox", { name: "Pain medication doses today" }).fill("1");
    await report
      .getByRole("textbox", { name: "Anything else? (optional)" })
      .fill("Slept better after the stretches.");
    await report.getByRole("button", { name: "Send how I feel" }).click();
    await page.getByText("Your physician and therapist can see how you feel.").waitFor();
    // The report is on the shared timeline.
    await page.getByRole("region", { name: "Timeline" }).getByText("reported progress").last().waitFor();
    await expectNoAxeViolations(page, "a referral in treatment");
    await screenshot(page, "patient-referral-in-treatment");

    // The printable prescription.
    await page.getByRole("link", { name: "Print prescription" }).click();
    await page.getByRole("heading", { level: 1, name: "Prescription" }).waitFor();
    await page.getByRole("article", { name: "Prescription" }).getByText("Dr. Alicia Chen").first().waitFor();
    await page.getByRole("button", { name: "Print or save as PDF" }).waitFor();
    await expectNoAxeViolations(page, "the printable prescription");
    await screenshot(page, "patient-referral-prescription");
    expectNoPageErrors(t);
    await t.context.close();
  });
});
