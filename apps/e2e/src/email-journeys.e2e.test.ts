import { generate } from "otplib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO, DEMO_PASSWORD, DEMO_TOTP_SECRET, freshEmail } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage } from "./harness/browser";
import {
  openReferral,
  pickFromMultiSelect,
  requestReferral,
  signUpPatientInCalifornia,
  timeline,
} from "./harness/episode";
import { parsedMail } from "./harness/mailbox";
import { signIn, waitForPath } from "./harness/portal";

const PASSWORD = "correct-horse-battery";
/** The second demo physician: no other journey signs in as him, so this one may re-enrol his two-factor key. */
const WEBB = { email: "physician2@demo.example", name: "Dr. Marcus Webb" };

/** Email and password, then the two-factor step: the code from `secret`. Does not wait for what comes next. */
async function signInWithCode(page: Page, email: string, secret: string, axeWhat?: string) {
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Two-factor sign-in" }).waitFor();
  if (axeWhat) await expectNoAxeViolations(page, axeWhat);
  await page.getByRole("textbox", { name: "Authentication code" }).fill(await generate({ secret }));
  await page.getByRole("button", { name: "Verify" }).click();
}

describe.skipIf(!browserAvailable)("journeys through an emailed link", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("the physician's emailed link opens the referral after sign-in, the two-factor step included", async () => {
    const pt = await newPage(browser, "emailed-link-patient");
    const description = "Stiff shoulders after long drives to the coast.";
    await signUpPatientInCalifornia(pt.page, "Lou Linked", freshEmail("patient"), PASSWORD);
    const referralId = await requestReferral(pt.page, description);

    const { mail, link } = await parsedMail(
      DEMO.physician.email,
      "A patient asked you for a massage prescription",
      referralId,
    );
    expect(new URL(link).pathname).toBe(`/physician/referrals/${referralId}`);
    // Minimum necessary: what happened and where, never who or what for.
    expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toMatch(/shoulder|drive|coast|Lou|Linked/i);

    // A fresh browser, as from a mail client: the portal asks to sign in, then goes where the link pointed.
    const d = await newPage(browser, "emailed-link-physician");
    await d.page.goto(link);
    await d.page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await expectNoAxeViolations(d.page, "the sign-in page reached from an emailed link");
    await signInWithCode(
      d.page,
      DEMO.physician.email,
      DEMO_TOTP_SECRET,
      "the two-factor step after an emailed link",
    );
    await waitForPath(d.page, `/physician/referrals/${referralId}`);
    await d.page.getByRole("heading", { level: 1, name: "Lou Linked" }).waitFor();
    await d.page.getByText(description).waitFor();
    await timeline(d.page).waitFor();
    await expectNoAxeViolations(d.page, "the referral opened from the emailed link");
    expectNoPageErrors(d);
    expectNoPageErrors(pt);
    await d.context.close();
    await pt.context.close();
  }, 150_000);

  test("a physician enrols TOTP on Profile → Security and signs a prescription with it", async () => {
    const d = await newPage(browser, "totp-sign-physician");
    await signIn(d.page, "physician", WEBB.email, DEMO_PASSWORD);
    await d.page.getByRole("heading", { level: 1, name: /^Welcome/ }).waitFor();
    await d.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security" }).click();
    await d.page.getByRole("heading", { level: 1, name: "Security" }).waitFor();

    // His seeded key is replaced by one he enrols here.
    const twoFactor = d.page.getByRole("region", { name: "Two-factor sign-in" });
    await twoFactor.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_PASSWORD);
    await twoFactor.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
    await d.page.getByText("Physicians need two-factor sign-in").waitFor();
    await expectNoAxeViolations(d.page, "the security page without two-factor sign-in");
    // better-auth allows 3 two-factor calls per 10 s from one address (every browser here is 127.0.0.1), counted
    // from the last one: let the two so far (sign-in code, turning it off) age out before the next three.
    await d.page.waitForTimeout(10_500);
    await twoFactor.getByRole("textbox", { name: "Password", exact: true }).fill(DEMO_PASSWORD);
    await twoFactor.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const secret = (await d.page.getByLabel("Two-factor key").textContent())?.trim() ?? "";
    expect(secret).not.toBe(DEMO_TOTP_SECRET);
    await expectNoAxeViolations(d.page, "the two-factor enrolment step");
    await twoFactor.getByRole("textbox", { name: "Authentication code" }).fill(await generate({ secret }));
    await twoFactor.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await twoFactor.getByRole("button", { name: "Turn off two-factor sign-in" }).waitFor();

    // Signed in again with the new key.
    await d.page.getByRole("button", { name: "Sign out" }).click();
    await d.page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await signInWithCode(d.page, WEBB.email, secret);
    await d.page.getByRole("heading", { level: 1, name: /^Welcome/ }).waitFor();

    const pt = await newPage(browser, "totp-sign-patient");
    await signUpPatientInCalifornia(pt.page, "Tess Totp", freshEmail("patient"), PASSWORD);
    const referralId = await requestReferral(pt.page, "Tight calves since marathon training.", WEBB.name);

    await openReferral(d.page, "physician", referralId);
    await d.page.getByRole("link", { name: "Sign prescription" }).click();
    await waitForPath(d.page, `/physician/referrals/${referralId}/sign`);
    const form = d.page.getByRole("region", { name: "Prescription form" });
    await pickFromMultiSelect(d.page, "Diagnosis codes", "M54.50", /^M54\.50 — Low back pain/);
    await form
      .getByRole("checkbox", {
        name: "I attest that massage therapy is medically necessary for this patient",
      })
      .check();
    await form.getByRole("textbox", { name: "Signature" }).fill(WEBB.name);
    await expectNoAxeViolations(d.page, "the prescription form, filled in");
    await form.getByRole("button", { name: "Sign prescription" }).click();
    await waitForPath(d.page, `/physician/referrals/${referralId}`);
    await timeline(d.page).locator('li[data-event-type="prescription_signed"]').waitFor();
    await d.page
      .getByRole("region", { name: "Prescription", exact: true })
      .getByText("M54.50")
      .first()
      .waitFor();
    await expectNoAxeViolations(d.page, "the referral with the prescription signed");
    expectNoPageErrors(d);
    expectNoPageErrors(pt);
    await d.context.close();
    await pt.context.close();
  }, 150_000);
});
