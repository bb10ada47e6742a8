import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO, DEMO_PASSWORD } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage, screenshot } from "./harness/browser";
import { chooseOption, signIn } from "./harness/portal";

/** Waits for a dialog's opening transition to end (axe judges colours mid-fade otherwise). */
async function settled(dialog: Locator) {
  await dialog.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)),
  );
}

describe.skipIf(!browserAvailable)("patient: choose a therapist", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("the directory shows who is eligible and why others are not; choosing Jordan Rivera sends the referral", async () => {
    const t = await newPage(browser, "patient-choose-therapist");
    const { page } = t;
    await signIn(page, "patient", DEMO.patient.email, DEMO_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Welcome, Pat" }).waitFor();

    // The demo "prescribed" referral (low back and hips), found through the list's status filter.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My referrals" }).click();
    await page.getByRole("heading", { level: 1, name: "My referrals" }).waitFor();
    await page.getByRole("combobox", { name: "Show" }).click();
    await page.getByRole("option", { name: /^Prescribed \(\d+\)$/ }).click();
    const item = page.getByRole("listitem", { name: "Lower back and hips, Dr. Alicia Chen" }).last();
    await item.getByText("Prescribed", { exact: true }).waitFor();
    await expectNoAxeViolations(page, "the referral list filtered to prescribed");
    await screenshot(page, "patient-choose-1-prescribed-list");
    await item.getByRole("link", { name: "Choose a therapist" }).click();

    await page.getByRole("heading", { level: 1, name: "Choose a therapist" }).waitFor();
    // Filtered to the patient's state by default.
    expect(await page.getByRole("combobox", { name: "State" }).inputValue()).toBe("California (CA)");
    const jordan = page.getByRole("listitem", { name: "Jordan Rivera, LMT" });
    await jordan.getByText("Eligible", { exact: true }).waitFor();
    expect(await jordan.getByRole("button", { name: "Choose Jordan Rivera, LMT" }).isEnabled()).toBe(true);
    // Licensed in CA, but the insurer requires an NPI and its network.
    const sam = page.getByRole("listitem", { name: "Sam Okafor, LMT" });
    await sam.getByText("Not eligible", { exact: true }).waitFor();
    await sam.getByText("Your insurer requires a therapist with an NPI number").waitFor();
    expect(await sam.getByRole("button", { name: "Choose Sam Okafor, LMT" }).isDisabled()).toBe(true);
    await expectNoAxeViolations(page, "the therapist directory for a referral");
    await screenshot(page, "patient-choose-2-directory-ca");

    // Every state: an uncredentialed masseuse and an out-of-state therapist are listed, each with its reason.
    await chooseOption(page, "State", "Any state");
    const robin = page.getByRole("listitem", { name: "Robin Lee" });
    await robin.getByText("This therapist has no state massage license or registration").waitFor();
    expect(await robin.getByRole("button", { name: "Choose Robin Lee" }).isDisabled()).toBe(true);
    const taylor = page.getByRole("listitem", { name: "Taylor Brooks, LMT" });
    await taylor.getByText("This therapist is not licensed or registered in your state.").waitFor();
    expect(await taylor.getByRole("button", { name: "Choose Taylor Brooks, LMT" }).isDisabled()).toBe(true);
    // A disabled Choose button points at its reasons.
    const describedBy = await taylor
      .getByRole("button", { name: "Choose Taylor Brooks, LMT" })
      .getAttribute("aria-describedby");
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain(
      "This therapist is not licensed",
    );
    await expectNoAxeViolations(page, "the therapist directory, any state");
    await screenshot(page, "patient-choose-3-directory-any-state");

    // Choose the eligible therapist, confirm, and the referral waits for them.
    await jordan.getByRole("button", { name: "Choose Jordan Rivera, LMT" }).click();
    const dialog = page.getByRole("dialog", { name: "Send your referral to Jordan Rivera, LMT?" });
    await dialog.waitFor();
    await settled(dialog);
    await expectNoAxeViolations(page, "the confirm-therapist dialog");
    await screenshot(page, "patient-choose-4-confirm");
    await dialog.getByRole("button", { name: "Yes, send it" }).click();

    await page.getByRole("heading", { level: 1, name: "Referral to Dr. Alicia Chen" }).waitFor();
    await page.getByText("Waiting for therapist", { exact: true }).first().waitFor();
    await page.getByRole("heading", { level: 2, name: "Waiting for your therapist" }).waitFor();
    await page.getByText(/Jordan Rivera, LMT has your prescription/).waitFor();
    await expectNoAxeViolations(page, "the referral waiting for the therapist");
    await screenshot(page, "patient-choose-5-awaiting-therapist");
    expectNoPageErrors(t);
    await t.context.close();
  });
});
