import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshEmail, validNpi } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage, screenshot } from "./harness/browser";
import { chooseOption, signUp } from "./harness/portal";

const PASSWORD = "correct-horse-battery";
const PENDING = /Your credentials are pending verification by our team/;

async function openProfile(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My profile" }).click();
  await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
}

async function save(page: Page) {
  await page.getByRole("button", { name: "Save", exact: true }).click();
}

async function savedAndReloaded(page: Page) {
  await page.getByRole("status").filter({ hasText: "Profile saved" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
}

describe.skipIf(!browserAvailable)("profiles", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("physician: pending banner, NPI check-digit error under the field, then a saved round trip", async () => {
    const t = await newPage(browser, "physician-profile");
    const { page } = t;
    await signUp(page, "physician", {
      name: "Dr. Sam Lee",
      email: freshEmail("physician"),
      password: PASSWORD,
    });

    // A new clinician is unverified.
    await page.getByRole("status").filter({ hasText: PENDING }).waitFor();
    expect(await page.getByText("signing prescriptions unlocks once verified").count()).toBe(1);

    await openProfile(page);
    await page.getByRole("status").filter({ hasText: PENDING }).waitFor();
    const npi = page.getByRole("textbox", { name: "NPI" });
    await npi.fill("1234567890");
    await page.getByRole("textbox", { name: "Practice", exact: true }).fill("Harbor Family Practice");
    await chooseOption(page, "State", "Oregon (OR)");
    await save(page);

    await page.getByText("This NPI's check digit is wrong").waitFor();
    expect(await npi.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await npi.getAttribute("aria-describedby")) ?? "";
    const errorIds = describedBy.split(" ").filter(Boolean);
    const described = await Promise.all(errorIds.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(described.join(" ")).toContain("check digit is wrong");
    await screenshot(page, "physician-profile-npi-error");
    await expectNoAxeViolations(page, "the physician profile with a pending banner and a field error");

    const goodNpi = validNpi();
    await npi.fill(goodNpi);
    await page.getByRole("textbox", { name: "Phone" }).fill("(503) 555-0188");
    await save(page);
    await savedAndReloaded(page);

    expect(await page.getByRole("textbox", { name: "NPI" }).inputValue()).toBe(goodNpi);
    expect(await page.getByRole("textbox", { name: "Practice", exact: true }).inputValue()).toBe(
      "Harbor Family Practice",
    );
    expect(await page.getByRole("combobox", { name: "State" }).inputValue()).toBe("Oregon (OR)");
    expect(await page.getByRole("textbox", { name: "Phone" }).inputValue()).toBe("(503) 555-0188");

    // Home no longer asks to complete the profile; still pending verification.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
    await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
    expect(await page.getByRole("link", { name: "Complete your profile" }).count()).toBe(0);
    await page.getByRole("status").filter({ hasText: PENDING }).waitFor();
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("patient: required fields are named, then the profile saves and reloads", async () => {
    const t = await newPage(browser, "patient-profile");
    const { page } = t;
    await signUp(page, "patient", { name: "Jamie Rowe", email: freshEmail("patient"), password: PASSWORD });
    expect(await page.getByText(PENDING).count()).toBe(0);
    await page.getByRole("link", { name: "Complete your profile" }).click();
    await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();

    await save(page);
    await page.getByText("Choose a US state").waitFor();
    expect(await page.getByRole("combobox", { name: "State" }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("textbox", { name: "Date of birth" }).getAttribute("aria-invalid")).toBe(
      "true",
    );

    await page.getByRole("textbox", { name: "Date of birth" }).fill("1984-09-30");
    await chooseOption(page, "State", "Texas (TX)");
    const conditions = page.getByRole("combobox", { name: "Medical conditions" });
    await conditions.fill("Whiplash");
    await conditions.press("Enter");
    await conditions.fill("Migraine");
    await conditions.press("Enter");
    const allergies = page.getByRole("combobox", { name: "Allergies" });
    await allergies.fill("Arnica");
    await allergies.press("Enter");
    await save(page);
    await savedAndReloaded(page);

    expect(await page.getByRole("textbox", { name: "Date of birth" }).inputValue()).toBe("1984-09-30");
    expect(await page.getByRole("combobox", { name: "State" }).inputValue()).toBe("Texas (TX)");
    const form = page.getByRole("region", { name: "Profile form" });
    for (const tag of ["Whiplash", "Migraine", "Arnica"])
      await form.getByText(tag, { exact: true }).waitFor();
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("therapist: an expired license saves but is flagged; the pending banner shows", async () => {
    const t = await newPage(browser, "therapist-profile");
    const { page } = t;
    await signUp(page, "therapist", {
      name: "Alex Kim, LMT",
      email: freshEmail("therapist"),
      password: PASSWORD,
    });
    await page.getByRole("status").filter({ hasText: PENDING }).waitFor();
    expect(await page.getByText("accepting referrals unlocks once verified").count()).toBe(1);
    await openProfile(page);

    await chooseOption(page, "Credential", "State license (LMT)");
    await save(page);
    // A license needs its number, state and expiry: each named under its field.
    await page.getByText("Credential number is required for a license or registration").waitFor();
    await page.getByText("Issuing state is required for a license or registration").waitFor();
    await page.getByText("Expiry date is required for a license or registration").waitFor();

    await page.getByRole("textbox", { name: "Credential number" }).fill("MT-55012");
    await chooseOption(page, "Issuing state", "Washington (WA)");
    await page.getByRole("textbox", { name: "Expiry date" }).fill("2020-03-31");
    await chooseOption(page, "Specialties", "Medical massage");
    await page.keyboard.press("Escape");
    const payers = page.getByRole("combobox", { name: "Payers you bill" });
    await payers.fill("Regence");
    await payers.press("Enter");
    await page.getByRole("textbox", { name: "About you" }).fill("Medical massage for neck and back pain.");
    await save(page);
    await savedAndReloaded(page);

    await page.getByRole("status").filter({ hasText: "The credential's expiry date has passed" }).waitFor();
    expect(await page.getByRole("textbox", { name: "Credential number" }).inputValue()).toBe("MT-55012");
    expect(await page.getByRole("textbox", { name: "Expiry date" }).inputValue()).toBe("2020-03-31");
    expect(await page.getByRole("combobox", { name: "Credential" }).inputValue()).toBe("State license (LMT)");
    await page
      .getByRole("region", { name: "Profile form" })
      .getByText("Medical massage", { exact: true })
      .waitFor();
    await page.getByRole("region", { name: "Profile form" }).getByText("Regence", { exact: true }).waitFor();
    await screenshot(page, "therapist-profile-expired-license");
    await expectNoAxeViolations(page, "the therapist profile with credential warnings");
    expectNoPageErrors(t);
    await t.context.close();
  });
});
