import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO, DEMO_PASSWORD, freshEmail, ROLES } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage, url } from "./harness/browser";
import { fillSignUp, signIn, signUp, waitForPath } from "./harness/portal";

const PASSWORD = "correct-horse-battery";
const SIGN_UP_NOT_SIGNED_IN = "We could not sign you in with this email and password";

describe.skipIf(!browserAvailable)("sign-up, sign-in and sign-out", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const role of ROLES) {
    test(`${role} portal: a new account signs up, signs out and signs back in`, async () => {
      const t = await newPage(browser, role);
      const { page } = t;
      const name = `Casey E2E ${role}`;
      const email = freshEmail(role);

      // Signed out, the portal opens on its sign-in page.
      await page.goto(url(`/${role}/`));
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await waitForPath(page, `/${role}/sign-in`);

      await page.getByRole("link", { name: "Create an account" }).click();
      await waitForPath(page, `/${role}/sign-up`);
      await fillSignUp(page, { name, email, password: PASSWORD });

      await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
      await waitForPath(page, `/${role}/`);
      expect(await page.getByRole("banner").textContent()).toContain(name);
      await page.getByRole("link", { name: "Complete your profile" }).waitFor();

      await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await waitForPath(page, `/${role}/sign-in`);

      // Signed out means signed out: a deep link goes back to sign-in, then returns to where it was headed.
      await page.goto(url(`/${role}/profile`));
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await page.getByRole("textbox", { name: "Email" }).fill(email);
      await page.getByRole("textbox", { name: "Password", exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
      await waitForPath(page, `/${role}/profile`);
      expect(await page.getByRole("textbox", { name: "Full name" }).inputValue()).toBe(name);

      expectNoPageErrors(t);
      await t.context.close();
    });
  }

  test("signing up with an email that already has an account does not say so, and signs no one in", async () => {
    const t = await newPage(browser);
    const { page } = t;
    await page.goto(url("/patient/sign-up"));
    await fillSignUp(page, { name: "Someone Else", email: DEMO.patient.email, password: PASSWORD });
    await page.getByText(SIGN_UP_NOT_SIGNED_IN).waitFor();
    await waitForPath(page, "/patient/sign-up");
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("sign-up checks the password length and that both passwords match before sending", async () => {
    const t = await newPage(browser);
    const { page } = t;
    await page.goto(url("/therapist/sign-up"));
    await fillSignUp(page, { name: "Short Pass", email: freshEmail("therapist"), password: "short" });
    await page.getByText("Password must be at least 10 characters").waitFor();
    await page.getByRole("textbox", { name: "Password", exact: true }).fill("long-enough-password");
    await page.getByRole("textbox", { name: "Confirm password" }).fill("a-different-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText("The two passwords do not match").waitFor();
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("a wrong password gets a plain message and no session", async () => {
    const t = await newPage(browser);
    const { page } = t;
    await signIn(page, "physician", DEMO.physician.email, "not-the-password");
    const alert = page.getByRole("alert").filter({ hasText: "Email or password is incorrect" });
    await alert.waitFor();
    await expectNoAxeViolations(page, "the sign-in page showing an error");
    await page.goto(url("/physician/"));
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("the demo accounts sign in to their own portals", async () => {
    for (const role of ROLES) {
      const t = await newPage(browser, role);
      await signIn(t.page, role, DEMO[role].email, DEMO_PASSWORD);
      await t.page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
      expect(await t.page.getByRole("banner").textContent()).toContain(DEMO[role].name);
      // Verified clinicians see no pending-verification banner.
      expect(await t.page.getByText("pending verification").count()).toBe(0);
      expectNoPageErrors(t);
      await t.context.close();
    }
  });

  test("a patient signing in at the physician portal is told which portal is theirs", async () => {
    const t = await newPage(browser);
    const { page } = t;
    await signIn(page, "physician", DEMO.patient.email, DEMO_PASSWORD);

    await page.getByRole("heading", { level: 1, name: "This is the physician portal." }).waitFor();
    await page.getByText("You are signed in as a patient.").waitFor();
    const link = page.getByRole("link", { name: "Go to the patient portal" });
    expect(await link.getAttribute("href")).toBe("/patient/");
    // Nothing of the physician portal is shown.
    expect(await page.getByRole("navigation").count()).toBe(0);

    await link.click();
    await page.getByRole("heading", { level: 1, name: "Welcome, Pat" }).waitFor();
    await waitForPath(page, "/patient/");
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("a therapist at the patient portal can sign out from the wrong-portal page", async () => {
    const t = await newPage(browser);
    const { page } = t;
    await signIn(page, "patient", DEMO.therapist.email, DEMO_PASSWORD);
    await page.getByText("You are signed in as a therapist.").waitFor();
    expect(await page.getByRole("link", { name: "Go to the therapist portal" }).getAttribute("href")).toBe(
      "/therapist/",
    );
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await waitForPath(page, "/patient/sign-in");
    // The session is gone in every portal, not just this one.
    await page.goto(url("/therapist/"));
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("a fresh sign-up in one portal is refused by the others", async () => {
    const t = await newPage(browser);
    const { page } = t;
    await signUp(page, "therapist", {
      name: "Riley Portal",
      email: freshEmail("therapist"),
      password: PASSWORD,
    });
    await page.goto(url("/physician/"));
    await page.getByRole("heading", { level: 1, name: "This is the physician portal." }).waitFor();
    await page.getByText("You are signed in as a therapist.").waitFor();
    expectNoPageErrors(t);
    await t.context.close();
  });
});
