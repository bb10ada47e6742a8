import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO } from "./harness/accounts";
import { browserAvailable, expectNoPageErrors, launchBrowser } from "./harness/browser";
import { checkPage, demoPortal } from "./harness/episode";

describe.skipIf(!browserAvailable)("accounting of disclosures", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("patient: the profile leads to who has seen my record, naming the physician who opened it", async () => {
    // The physician's inbox lists (and so reads) the demo patient's referrals.
    const physician = await demoPortal(browser, "physician");
    await physician.page
      .getByRole("link", { name: new RegExp(DEMO.patient.name) })
      .first()
      .waitFor();
    await physician.context.close();

    const t = await demoPortal(browser, "patient");
    const { page } = t;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My profile" }).click();
    await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
    await page.getByRole("link", { name: "See who has seen my record" }).click();
    await page.getByRole("heading", { level: 1, name: "Who has seen my record" }).waitFor();

    const table = page.getByRole("table", { name: "Who has seen my record" });
    await table.waitFor();
    const rows = table.getByRole("row").filter({ hasText: DEMO.physician.name });
    await rows.first().waitFor();
    expect(await rows.filter({ hasText: "Physician" }).count()).toBeGreaterThan(0);
    expect(await table.getByText("Saw your referral in their list").count()).toBeGreaterThan(0);
    // The patient's own visits are not disclosures.
    expect(await table.getByRole("row").filter({ hasText: DEMO.patient.name }).count()).toBe(0);
    await checkPage(page, "patient-disclosures", "the patient's accounting of disclosures");

    await page.getByRole("link", { name: "Back to my profile" }).click();
    await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
    expectNoPageErrors(t);
  });
});
