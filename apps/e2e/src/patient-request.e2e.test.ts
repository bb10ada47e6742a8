import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshEmail } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage, screenshot } from "./harness/browser";
import { chooseOption, signUp, waitForPath } from "./harness/portal";

/** Waits for a dialog's opening transition to end (axe judges colours mid-fade otherwise). */
async function settled(dialog: Locator) {
  await dialog.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)),
  );
}

const PASSWORD = "correct-horse-battery";

/** Form drafts this browser keeps (localStorage, under the drafts' prefix). */
const DRAFT_COUNT = "Object.keys(localStorage).filter((k) => k.startsWith('mm.draft.')).length";

async function stepHeading(page: Page, name: string) {
  await page.getByRole("heading", { level: 2, name: new RegExp(`${name}$`) }).waitFor();
}

async function next(page: Page) {
  await page.getByRole("button", { name: "Next", exact: true }).click();
}

/** Picks a number on a 0-10 scale (a radio group named by its question). */
async function scale(page: Page, question: string, value: number) {
  await page
    .getByRole("radiogroup", { name: question })
    .getByRole("radio", { name: String(value), exact: true })
    .click();
}

describe.skipIf(!browserAvailable)("patient: request a referral", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("a new patient asks Dr. Alicia Chen for massage; missing answers are named; the request shows as Requested", async () => {
    const t = await newPage(browser, "patient-request");
    const { page } = t;
    await signUp(page, "patient", {
      name: "Riley Request",
      email: freshEmail("patient"),
      password: PASSWORD,
    });

    // Profile first: the state (CA) and a condition, which the request form fills in.
    await page.getByRole("link", { name: "Complete your profile" }).click();
    await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
    await page.getByRole("textbox", { name: "Date of birth" }).fill("1971-02-14");
    await chooseOption(page, "State", "California (CA)");
    const conditions = page.getByRole("combobox", { name: "Medical conditions" });
    await conditions.fill("Asthma");
    await conditions.press("Enter");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    await page.getByRole("heading", { level: 3, name: "No referrals yet" }).waitFor();
    await expectNoAxeViolations(page, "a new patient's home page");
    await screenshot(page, "patient-request-0-home");
    await page.getByRole("link", { name: "Start a request" }).click();
    await page.getByRole("heading", { level: 1, name: "Ask for massage therapy" }).waitFor();
    await waitForPath(page, "/patient/referrals/new");
    expect(
      await page.getByRole("link", { name: "Not sure? Take the 2-minute quiz" }).getAttribute("href"),
    ).toBe("/patient/quiz");

    // 1. Physician: Next without choosing one names the problem.
    await stepHeading(page, "Your physician");
    await next(page);
    await page.getByText("Choose your physician from the list").waitFor();
    await expectNoAxeViolations(page, "the request form, physician step with an error");
    await screenshot(page, "patient-request-1-physician-error");
    await page.getByRole("searchbox", { name: "Search physicians" }).fill("Chen");
    await page.getByRole("radio", { name: /Dr\. Alicia Chen/ }).click();
    await expect.poll(() => page.getByText("Choose your physician from the list").count()).toBe(0);
    await next(page);

    // 2. What hurts: every required answer is named under its question.
    await stepHeading(page, "What hurts");
    await next(page);
    await page.getByText("Choose acute or chronic").waitFor();
    await page.getByText("Choose at least one body region").waitFor();
    await page.getByText("Choose at least one symptom").waitFor();
    await page.getByText("Tell your physician about it in a few words").waitFor();
    expect(
      await page.getByRole("textbox", { name: "Tell your physician about it" }).getAttribute("aria-invalid"),
    ).toBe("true");
    await expectNoAxeViolations(page, "the request form, what-hurts step with field errors");
    await screenshot(page, "patient-request-2-what-hurts-errors");
    await page.getByRole("radio", { name: "Chronic (long-lasting pain)" }).click();
    await page.getByRole("checkbox", { name: "Lower back" }).click();
    await page.getByRole("checkbox", { name: "Neck" }).click();
    await page.getByRole("checkbox", { name: "Pain", exact: true }).click();
    await page.getByRole("checkbox", { name: "Stiffness" }).click();
    await page
      .getByRole("textbox", { name: "Tell your physician about it" })
      .fill("Low back and neck pain for a year, worse after work and in the evening.");
    await next(page);

    // 3. How it affects you.
    await stepHeading(page, "How it affects you");
    await scale(page, "Pain right now", 6);
    await scale(page, "Pain on a typical evening", 7);
    await page.getByText("You chose 7 out of 10").waitFor();
    await page.getByRole("textbox", { name: "Hours of sleep on a typical night" }).fill("5.5");
    await page.getByRole("textbox", { name: "Pain medication doses per day" }).fill("2");
    await expectNoAxeViolations(page, "the request form, how-it-affects-you step");
    await screenshot(page, "patient-request-3-effects");
    // Leaving half-way asks first, and staying keeps every answer.
    await page.getByRole("link", { name: "Not sure? Take the 2-minute quiz" }).click();
    const leave = page.getByRole("dialog", { name: "Leave without sending?" });
    await leave.waitFor();
    await settled(leave);
    await expectNoAxeViolations(page, "the leave-the-form dialog");
    await leave.getByRole("button", { name: "Stay and finish" }).click();
    await leave.waitFor({ state: "hidden" });
    await waitForPath(page, "/patient/referrals/new");
    await page.getByText("You chose 7 out of 10").waitFor();

    // A reload (or a closed tab) loses nothing: the draft is kept on this device, and the step too.
    await expect.poll(() => page.evaluate(DRAFT_COUNT)).toBe(1);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.reload();
    await page.getByText("We kept your unsent request").waitFor();
    await stepHeading(page, "How it affects you");
    await page.getByText("You chose 7 out of 10").waitFor();
    expect(await page.getByRole("textbox", { name: "Pain medication doses per day" }).inputValue()).toBe("2");
    await next(page);

    // 4. Health: prefilled from the profile.
    await stepHeading(page, "Your health");
    await page
      .getByRole("region", { name: /Your health/ })
      .getByText("Asthma", { exact: true })
      .waitFor();
    const meds = page.getByRole("combobox", { name: "Medications" });
    await meds.fill("Naproxen 220 mg twice a day");
    await meds.press("Enter");
    // Allergies are edited here too (they are saved to the profile when the request is sent).
    const allergies = page.getByRole("combobox", { name: "Allergies" });
    await allergies.fill("Arnica");
    await allergies.press("Enter");
    await next(page);

    // 5. Hopes: goals (one in my own words) and how often.
    await stepHeading(page, "What you hope for");
    await next(page);
    await page.getByText("Choose at least one goal").waitFor();
    await page.getByText("Choose how often you would like massage").waitFor();
    await page.getByRole("checkbox", { name: "Less pain in the evening" }).click();
    await page.getByRole("checkbox", { name: "Sleep through the night" }).click();
    await page.getByRole("checkbox", { name: "Something else" }).click();
    await next(page);
    await page.getByText("Describe your goal in a few words").waitFor();
    await page
      .getByRole("textbox", { name: "Your goal, in your own words" })
      .fill("Garden again without pain");
    await page.getByRole("radio", { name: "Once a week" }).click();
    await next(page);

    // Review and send.
    await stepHeading(page, "Check and send");
    const review = page.getByRole("region", { name: /Check and send/ });
    await review.getByText(/Dr\. Alicia Chen/).waitFor();
    await review.getByText("Pain now 6/10", { exact: false }).waitFor();
    await review.getByText(/Garden again without pain/).waitFor();
    await review.getByText("Allergies: Arnica").waitFor();
    await expectNoAxeViolations(page, "the request form, review step");
    await screenshot(page, "patient-request-4-review");
    await page.getByRole("button", { name: "Send request" }).click();

    // The new referral's page, then the list: "Requested".
    await page.getByRole("heading", { level: 1, name: "Referral to Dr. Alicia Chen" }).waitFor();
    await page.getByText("Requested", { exact: true }).first().waitFor();
    await page.getByText("The physician is reviewing the request.").waitFor();
    // Sent: the draft is gone, and the allergies are on the request's record (from the profile).
    expect(await page.evaluate(DRAFT_COUNT)).toBe(0);
    await page.getByRole("region", { name: "What you told your physician" }).getByText("Arnica").waitFor();
    await expectNoAxeViolations(page, "the new referral's page");
    await screenshot(page, "patient-request-5-detail");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My referrals" }).click();
    await page.getByRole("heading", { level: 1, name: "My referrals" }).waitFor();
    const item = page.getByRole("listitem", { name: "Lower back and neck, Dr. Alicia Chen" });
    await item.waitFor();
    await item.getByText("Requested", { exact: true }).waitFor();
    expect(await page.getByRole("list", { name: "Referrals" }).getByRole("listitem").count()).toBe(1);
    await expectNoAxeViolations(page, "the referral list");
    await screenshot(page, "patient-request-6-list");
    expectNoPageErrors(t);
    await t.context.close();
  });
});
