import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, test } from "vitest";
import { DEMO, DEMO_PASSWORD, ROLES } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import {
  browserAvailable,
  expectNoPageErrors,
  launchBrowser,
  newPage,
  screenshot,
  url,
} from "./harness/browser";
import { signIn } from "./harness/portal";

describe.skipIf(!browserAvailable)("accessibility (axe-core) and screenshots", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const role of ROLES) {
    test(`${role} portal: sign-in, sign-up, home and profile pass axe; home screenshot`, async () => {
      const t = await newPage(browser, `${role}-a11y`);
      const { page } = t;

      await page.goto(url(`/${role}/sign-in`));
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await expectNoAxeViolations(page, `the ${role} sign-in page`);

      await page.goto(url(`/${role}/sign-up`));
      await page.getByRole("heading", { level: 1, name: "Create your account" }).waitFor();
      await expectNoAxeViolations(page, `the ${role} sign-up page`);

      await signIn(page, role, DEMO[role].email, DEMO_PASSWORD);
      await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
      await expectNoAxeViolations(page, `the ${role} home page`);
      await screenshot(page, `${role}-home`);

      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My profile" }).click();
      await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
      await expectNoAxeViolations(page, `the ${role} profile page`);
      await screenshot(page, `${role}-profile`);
      expectNoPageErrors(t);
      await t.context.close();
    });
  }

  test("the wrong-portal page passes axe", async () => {
    const t = await newPage(browser, "wrong-portal");
    const { page } = t;
    await signIn(page, "therapist", DEMO.physician.email, DEMO_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "This is the therapist portal." }).waitFor();
    await expectNoAxeViolations(page, "the wrong-portal page");
    await screenshot(page, "wrong-portal");
    expectNoPageErrors(t);
    await t.context.close();
  });
});
