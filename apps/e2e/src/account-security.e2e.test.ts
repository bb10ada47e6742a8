import { generate } from "otplib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, test } from "vitest";
import { freshEmail } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage, url } from "./harness/browser";
import { linkFromMail } from "./harness/mailbox";
import { signIn, signUp } from "./harness/portal";

const PASSWORD = "correct-horse-battery";

describe.skipIf(!browserAvailable)("account security", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("forgot password end to end through the emailed link", async () => {
    const t = await newPage(browser, "forgot-password");
    const { page } = t;
    const email = freshEmail("patient");
    await signUp(page, "patient", { name: "Fay Forgetful", email, password: PASSWORD });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();

    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { level: 1, name: "Forgot your password?" }).waitFor();
    await expectNoAxeViolations(page, "the forgot-password page");
    await page.getByRole("textbox", { name: "Email" }).fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await page.getByRole("status").filter({ hasText: "Check your email" }).waitFor();

    const link = await linkFromMail(email, "Reset your password", "/api/auth/reset-password/");
    await page.goto(link);
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await expectNoAxeViolations(page, "the reset-password page");
    await page.getByRole("textbox", { name: "New password", exact: true }).fill("a-brand-new-password");
    await page.getByRole("textbox", { name: "Confirm new password" }).fill("a-brand-new-password");
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByRole("status").filter({ hasText: "Password changed" }).waitFor();

    await signIn(page, "patient", email, "a-brand-new-password");
    await page.getByRole("heading", { level: 1, name: /^Welcome/ }).waitFor();
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("a physician enrols TOTP on the Security page and then signs in with a code", async () => {
    const t = await newPage(browser, "totp-enrolment");
    const { page } = t;
    const email = freshEmail("physician");
    await signUp(page, "physician", { name: "Dr. Tara Otp", email, password: PASSWORD });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security" }).click();
    await page.getByRole("heading", { level: 1, name: "Security" }).waitFor();
    await page.getByText("Physicians need two-factor sign-in").waitFor();
    await expectNoAxeViolations(page, "the security page");

    const twoFactor = page.getByRole("region", { name: "Two-factor sign-in" });
    await twoFactor.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Set up two-factor sign-in" }).click();
    const secret = (await page.getByLabel("Two-factor key").textContent())?.trim() ?? "";
    await page.getByRole("textbox", { name: "Authentication code" }).fill(await generate({ secret }));
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await page.getByRole("button", { name: "Turn off two-factor sign-in" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.getByRole("textbox", { name: "Email" }).fill(email);
    await page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Two-factor sign-in" }).waitFor();
    await expectNoAxeViolations(page, "the two-factor sign-in step");
    await page.getByRole("textbox", { name: "Authentication code" }).fill(await generate({ secret }));
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { level: 1, name: /^Welcome/ }).waitFor();

    await page.goto(url("/physician/notifications"));
    await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
    await page.getByText("No notifications yet").waitFor();
    await expectNoAxeViolations(page, "the notifications page");
    expectNoPageErrors(t);
    await t.context.close();
  });
});
