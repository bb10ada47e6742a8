import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO, freshEmail, ROLES } from "./harness/accounts";
import { apiSignIn, trpc } from "./harness/api";
import { expectNoAxeViolations } from "./harness/axe";
import { baseURL, browserAvailable, launchBrowser, newPage, screenshot, url } from "./harness/browser";

/** Markup that would run script or render an element if any portal injected user text as HTML. */
const MESSAGE = `<img src="x" onerror="window.__xss='message'"><b>bold?</b> see you Tuesday`;
const NOTE = `<script>window.__xss='note'</script>evenings better`;
const GOAL = `<svg onload="window.__xss='goal'">Stairs`;

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!browserAvailable)("stored markup renders as text in every portal", () => {
  let browser: Browser;
  let referralId: string;
  const patientEmail = freshEmail("patient");
  const PATIENT_PASSWORD = "correct-horse-battery";

  beforeAll(async () => {
    browser = await launchBrowser();
    // A fresh patient's episode, driven through the real API with each party's own session.
    const ctx = async () => (await browser.newContext()).request;
    const patient = await ctx();
    const physician = await ctx();
    const therapist = await ctx();
    const signUp = await patient.post(url("/api/auth/sign-up/email"), {
      data: { email: patientEmail, password: PATIENT_PASSWORD, name: "Xss Patient", role: "patient" },
      headers: { origin: baseURL },
    });
    expect(signUp.ok()).toBe(true);
    // Sign-up answers alike for registered emails; signing in explicitly keeps this independent of whether it did.
    await apiSignIn(patient, patientEmail, PATIENT_PASSWORD);
    await trpc(patient, "profile.update", {
      role: "patient",
      name: "Xss Patient",
      dateOfBirth: "1985-05-05",
      state: "CA",
      medicalConditions: [],
      medications: [],
      allergies: [],
    });
    await apiSignIn(physician, DEMO.physician.email);
    await apiSignIn(therapist, DEMO.therapist.email);
    const me = await trpc(physician, "me.get", {});
    referralId = (
      await trpc(patient, "referral.create", {
        physicianId: me.user.id,
        kind: "chronic",
        bodyRegions: ["neck"],
        symptoms: ["pain"],
        description: "Neck pain <i>since</i> spring",
        painNow: 5,
        eveningPain: 6,
        sleepHours: 6,
        medicationDosesPerDay: 2,
        medicalConditions: [],
        medications: [],
        expectations: { goals: [{ kind: "custom", text: GOAL }], desiredFrequency: "weekly" },
      })
    ).referral.id;
    await trpc(physician, "prescription.sign", {
      referralId,
      diagnosisCodes: ["M54.2"],
      sessionsPerWeek: 1,
      weeks: 6,
      totalSessions: 6,
      cptCodes: ["97124"],
      bodyRegions: ["neck"],
      precautions: "",
      validFrom: today(),
      expiresOn: plusDays(60),
      attestation: true,
      signature: DEMO.physician.name,
    });
    const therapistMe = await trpc(therapist, "me.get", {});
    await trpc(patient, "referral.chooseTherapist", { referralId, therapistId: therapistMe.user.id });
    await trpc(therapist, "referral.accept", { referralId });
    await trpc(therapist, "plan.update", {
      referralId,
      version: 0,
      goals: [
        {
          measure: "custom",
          customName: GOAL,
          customUnit: "flights",
          direction: "higher_is_better",
          baseline: 1,
          target: 3,
          byDate: plusDays(40),
        },
      ],
      frequency: "Weekly",
      techniques: ["Swedish"],
      precautions: NOTE,
      homeCare: "Stretch",
    });
    await trpc(patient, "message.post", { referralId, body: MESSAGE });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const role of ROLES) {
    test(`${role} portal shows the markup as plain text and runs none of it`, async () => {
      const { page } = await newPage(browser, `xss-${role}`);
      // page.request shares the page's cookies: an API sign-in signs the page in.
      if (role === "patient") await apiSignIn(page.request, patientEmail, PATIENT_PASSWORD);
      else await apiSignIn(page.request, DEMO[role].email);
      await page.goto(url(`/${role}/referrals/${referralId}`));
      await page.getByText("see you Tuesday", { exact: false }).first().waitFor();
      expect(await page.getByText(MESSAGE, { exact: false }).count()).toBeGreaterThan(0);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __xss?: string }).__xss)).toBeUndefined();
      await expectNoAxeViolations(page, `${role} referral with markup`);
      await screenshot(page, `xss-${role}`);
    });
  }
});
