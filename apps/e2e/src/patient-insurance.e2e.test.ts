import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshEmail } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage, screenshot } from "./harness/browser";
import { signUp } from "./harness/portal";

const PASSWORD = "correct-horse-battery";

type Choice = "Yes" | "No" | "Not sure";

/** A yes / no / not sure question (a radio group named by its question). */
function answer(page: Page, question: string, choice: Choice) {
  return page.getByRole("radiogroup", { name: question }).getByRole("radio", { name: choice, exact: true });
}

/** Taps the visible choice (the radio input itself is visually hidden behind its label). */
async function choose(page: Page, question: string, choice: Choice) {
  await page.getByRole("radiogroup", { name: question }).getByText(choice, { exact: true }).click();
  expect(await answer(page, question, choice).isChecked()).toBe(true);
}

const COVERED = "Is massage covered with a prescription?";
const PRIOR_AUTH = "Do they need to approve it before treatment starts (prior authorization)?";

describe.skipIf(!browserAvailable)("patient insurance", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("record what the insurer said; required fields are named; a reload shows it saved", async () => {
    const t = await newPage(browser, "patient-insurance");
    const { page } = t;
    await signUp(page, "patient", { name: "Ines Insured", email: freshEmail("patient"), password: PASSWORD });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insurance" }).click();
    await page.getByRole("heading", { level: 1, name: "Insurance" }).waitFor();
    // Nothing recorded yet: unknowns are "Not sure", a license is the usual requirement.
    expect(await answer(page, COVERED, "Not sure").isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "A state license" }).isChecked()).toBe(true);
    await expectNoAxeViolations(page, "the empty insurance form");

    await page.getByRole("button", { name: "Save insurance" }).click();
    await page.getByText("Insurer name is required").waitFor();
    expect(await page.getByRole("textbox", { name: "Insurance company" }).getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(await page.getByRole("textbox", { name: "Member ID" }).getAttribute("aria-invalid")).toBe("true");

    await page.getByRole("textbox", { name: "Insurance company" }).fill("Aetna");
    await page.getByRole("textbox", { name: "Plan name" }).fill("Choice POS II");
    await page.getByRole("textbox", { name: "Member ID" }).fill("W123456789");
    await page.getByRole("textbox", { name: "Group number" }).fill("0887321");
    await choose(page, COVERED, "Yes");
    await page.getByRole("textbox", { name: "Amount they pay per session" }).fill("65.50");
    await page.getByRole("textbox", { name: "Visits allowed per year" }).fill("12");
    await choose(page, PRIOR_AUTH, "No");
    await page.getByRole("checkbox", { name: "An NPI number" }).check();
    await page.getByRole("checkbox", { name: "In the insurer's network" }).check();
    const today = new Date().toISOString().slice(0, 10);
    await page.getByRole("textbox", { name: "Date of the call" }).fill(today);
    await page.getByRole("textbox", { name: "Reference number" }).fill("CALL-7781");
    await page.getByRole("textbox", { name: "Notes" }).fill("Agent Maria: 12 visits a year, $20 copay.");
    await page.getByRole("button", { name: "Save insurance" }).click();
    await page.getByRole("status").filter({ hasText: "Insurance saved" }).waitFor();
    await screenshot(page, "patient-insurance-saved");

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Insurance" }).waitFor();
    const company = page.getByRole("textbox", { name: "Insurance company" });
    await company.waitFor();
    expect(await company.inputValue()).toBe("Aetna");
    expect(await page.getByRole("textbox", { name: "Plan name" }).inputValue()).toBe("Choice POS II");
    expect(await page.getByRole("textbox", { name: "Member ID" }).inputValue()).toBe("W123456789");
    expect(await page.getByRole("textbox", { name: "Group number" }).inputValue()).toBe("0887321");
    expect(await answer(page, COVERED, "Yes").isChecked()).toBe(true);
    expect(await page.getByRole("textbox", { name: "Amount they pay per session" }).inputValue()).toBe(
      "$65.50",
    );
    expect(await page.getByRole("textbox", { name: "Visits allowed per year" }).inputValue()).toBe("12");
    expect(await answer(page, PRIOR_AUTH, "No").isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "A state license" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "An NPI number" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "In the insurer's network" }).isChecked()).toBe(true);
    expect(await page.getByRole("textbox", { name: "Date of the call" }).inputValue()).toBe(today);
    expect(await page.getByRole("textbox", { name: "Reference number" }).inputValue()).toBe("CALL-7781");
    expect(await page.getByRole("textbox", { name: "Notes" }).inputValue()).toBe(
      "Agent Maria: 12 visits a year, $20 copay.",
    );
    await expectNoAxeViolations(page, "the saved insurance form");
    await screenshot(page, "patient-insurance-reloaded");
    expectNoPageErrors(t);
    await t.context.close();
  });
});
