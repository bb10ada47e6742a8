import type { Browser, Locator, Page } from "playwright-core";
import { DEMO, DEMO_PASSWORD, type PortalRole } from "./accounts";
import { expectNoAxeViolations } from "./axe";
import { newPage, screenshot, type TestPage, url } from "./browser";
import { signIn, signUp, waitForPath } from "./portal";

/**
 * Helpers for the whole-episode journeys: one signed-in browser context per role, side by side, acting on ONE
 * shared referral.
 */

/** How long an event may take to show up live in another portal (the issue asks for about a second). */
export const LIVE_MS = 5_000;

/** A fresh context signed in as the demo account of `role`, on its home page. */
export async function demoPortal(browser: Browser, role: PortalRole, origin?: string): Promise<TestPage> {
  const t = await newPage(browser, `${role}-episode`);
  await signIn(t.page, role, DEMO[role].email, DEMO_PASSWORD, origin);
  await t.page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
  return t;
}

/** Every page a journey visits passes axe, and leaves a screenshot named after the step. */
export async function checkPage(page: Page, step: string, what: string): Promise<void> {
  // Judge the page at rest: the pointer left over the last clicked button would show its hover colours.
  await page.mouse.move(0, 0);
  await expectNoAxeViolations(page, what);
  // From the top, so the fixed header is drawn where it belongs in the full-page image.
  await page.evaluate("window.scrollTo(0, 0)");
  await screenshot(page, step);
}

/** Waits until `locator` shows up WITHOUT a reload: the live timeline's job. */
export async function expectLive(locator: Locator, what: string): Promise<void> {
  try {
    await locator.first().waitFor({ state: "visible", timeout: LIVE_MS });
  } catch {
    throw new Error(`Not shown live within ${LIVE_MS} ms (no reload): ${what}`);
  }
}

/** The referral id of a `/<role>/referrals/<id>` address. */
export function referralIdOf(page: Page): string {
  const m = /\/referrals\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname);
  if (!m) throw new Error(`Not on a referral page: ${page.url()}`);
  return m[1]!;
}

/** Opens a referral in a portal by its address and waits for its timeline (the page is fully there then). */
export async function openReferral(page: Page, role: PortalRole, referralId: string): Promise<void> {
  await page.goto(url(`/${role}/referrals/${referralId}`));
  await timeline(page).waitFor();
}

/** The referral's live timeline panel. */
export function timeline(page: Page): Locator {
  return page.getByRole("region", { name: "Timeline" });
}

/** The "Live" badge of the timeline: the subscription is connected. */
export async function waitUntilLive(page: Page): Promise<void> {
  await timeline(page)
    .getByRole("status")
    .filter({ hasText: /^Live$/ })
    .waitFor();
}

/** A new patient in California (therapist eligibility follows the patient's state). */
export async function signUpPatientInCalifornia(page: Page, name: string, email: string, password: string) {
  await signUp(page, "patient", { name, email, password });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My profile" }).click();
  await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
  await page.getByRole("textbox", { name: "Date of birth" }).fill("1985-03-14");
  await page.getByRole("combobox", { name: "State" }).click();
  await page.getByRole("option", { name: "California (CA)", exact: true }).click();
  const conditions = page.getByRole("combobox", { name: "Medical conditions" });
  await conditions.fill("Mild hypertension");
  await conditions.press("Enter");
  const allergies = page.getByRole("combobox", { name: "Allergies" });
  await allergies.fill("Latex");
  await allergies.press("Enter");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
}

async function next(page: Page) {
  await page.getByRole("button", { name: "Next" }).click();
}

/** Picks a 0-10 answer on one of the patient portal's scales (a radio group named by its label). */
export async function pickScale(page: Page, label: string, value: number) {
  await page
    .getByRole("radiogroup", { name: label })
    .getByRole("radio", { name: String(value), exact: true })
    .click();
}

/**
 * The patient's guided request to Dr. Alicia Chen: chronic low back pain, the figures the plan's baselines come from,
 * then "Send request". Ends on the new referral's page; returns its id.
 */
export async function requestReferral(
  page: Page,
  description: string,
  physician = DEMO.physician.name,
): Promise<string> {
  await page.goto(url("/patient/referrals/new"));
  await page.getByRole("heading", { level: 1, name: "Ask for massage therapy" }).waitFor();
  await page.getByRole("radio", { name: new RegExp(physician.replace(/\./g, "\\.")) }).click();
  await checkPage(
    page,
    "episode-01-patient-request-physician",
    "the patient's request form (physician step)",
  );
  await next(page);

  await page.getByRole("radio", { name: /^Chronic/ }).click();
  await page.getByRole("checkbox", { name: "Lower back", exact: true }).click();
  await page.getByRole("checkbox", { name: "Pain", exact: true }).click();
  await page.getByRole("checkbox", { name: "Muscle spasm", exact: true }).click();
  await page.getByRole("textbox", { name: "Tell your physician about it" }).fill(description);
  await next(page);

  await pickScale(page, "Pain right now", 6);
  await pickScale(page, "Pain on a typical evening", 7);
  await page.getByRole("textbox", { name: "Hours of sleep on a typical night" }).fill("5");
  await page.getByRole("textbox", { name: "Pain medication doses per day" }).fill("3");
  await next(page);

  await page.getByRole("heading", { level: 2, name: /health/i }).waitFor();
  await next(page);

  await page.getByRole("checkbox", { name: "Take fewer pain killers", exact: true }).click();
  await page.getByRole("checkbox", { name: "Less pain in the evening", exact: true }).click();
  await page.getByRole("radio", { name: "Once a week", exact: true }).click();
  await next(page);

  await page.getByRole("button", { name: "Send request" }).waitFor();
  await checkPage(page, "episode-02-patient-request-review", "the patient's request form (review step)");
  await page.getByRole("button", { name: "Send request" }).click();
  await page.waitForURL(/\/patient\/referrals\/[0-9a-f-]{36}$/);
  await timeline(page).waitFor();
  return referralIdOf(page);
}

/** Picks options of a searchable Mantine MultiSelect by typing, e.g. an ICD-10 code. */
export async function pickFromMultiSelect(
  page: Page,
  label: string,
  search: string,
  option: string | RegExp,
) {
  const box = page
    .getByRole("textbox", { name: label })
    .or(page.getByRole("combobox", { name: label }))
    .first();
  await box.click();
  await box.fill(search);
  await page.getByRole("option", { name: option }).first().click();
}

export { waitForPath };
