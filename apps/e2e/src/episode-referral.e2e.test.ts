import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO, freshEmail } from "./harness/accounts";
import {
  browserAvailable,
  expectNoPageErrors,
  launchBrowser,
  newPage,
  type TestPage,
} from "./harness/browser";
import {
  checkPage,
  demoPortal,
  expectLive,
  pickFromMultiSelect,
  requestReferral,
  signUpPatientInCalifornia,
  timeline,
  waitForPath,
  waitUntilLive,
} from "./harness/episode";
import { chooseOption } from "./harness/portal";

const PASSWORD = "correct-horse-battery";
const QUESTION = "Have you had an X-ray or MRI of your lower back? Any numbness or tingling in your legs?";
const ANSWER = "An X-ray last year was normal. No numbness, just stiffness in the morning.";

/** The referral's status as its badge next to the page's h1 shows it. */
function statusBadge(page: Page) {
  return page.locator("[data-status]").first();
}

async function expectStatus(page: Page, status: string, what: string) {
  await expectLive(page.locator(`[data-status="${status}"]`), what);
}

/**
 * Issue 3, end to end across the three portals on ONE referral: a new patient asks Dr. Alicia Chen for massage; she
 * asks a question, the patient answers, she signs a prescription (a double click still signs once); the patient
 * chooses Jordan Rivera (an uncredentialed therapist is listed as not eligible, with the reason, and cannot be
 * chosen); the therapist accepts. The portals stay open side by side: every step appears in the others live.
 */
describe.skipIf(!browserAvailable)("episode, part 1: the shared referral", () => {
  let browser: Browser;
  const open: TestPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const t of open) await t.context.close().catch(() => {});
    await browser?.close();
  });

  test("request → question → answer → signed prescription → eligible therapist chosen → accepted, live in every portal", async () => {
    const patientName = `Riley Novak ${randomUUID().slice(0, 4)}`;

    // 1. A new patient in California asks Dr. Alicia Chen for massage therapy.
    const patient = await newPage(browser, "episode-patient");
    open.push(patient);
    const p = patient.page;
    await signUpPatientInCalifornia(p, patientName, freshEmail("patient"), PASSWORD);
    const referralId = await requestReferral(
      p,
      "Low back pain for two years, worse in the evening; muscle spasms after sitting all day at work.",
    );
    await expectStatus(p, "requested", "the new request is Requested");
    await checkPage(p, "episode-03-patient-referral-requested", "the patient's new referral");

    // 2. The physician finds it in her inbox, filtered to what waits for her review.
    const physician = await demoPortal(browser, "physician");
    open.push(physician);
    const d = physician.page;
    await d.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Referrals" }).click();
    await d.getByRole("heading", { level: 1, name: "Referrals" }).waitFor();
    // The filter chips are radios (keyboard: arrows); a click on the chip's label picks it.
    await d
      .locator("label")
      .filter({ hasText: /^Requested \(\d+\)$/ })
      .click();
    await d.waitForURL(/status=requested/);
    // The router renders the new filter in a transition, just after the address changes: wait for it.
    await d.getByRole("radio", { name: /^Requested \(\d+\)$/, checked: true }).waitFor({ state: "attached" });
    const row = d.getByRole("link", { name: patientName, exact: true });
    await row.waitFor();
    await checkPage(d, "episode-04-physician-inbox", "the physician's inbox filtered to Requested");
    await row.click();
    await waitForPath(d, `/physician/referrals/${referralId}`);
    await d.getByRole("heading", { level: 1, name: patientName }).waitFor();
    await d.getByRole("region", { name: "The request" }).getByText("Mild hypertension").first().waitFor();
    await waitUntilLive(d);
    await waitUntilLive(p);
    await checkPage(d, "episode-05-physician-review", "the physician's review of the request");

    // 3. She asks a question: it appears in the patient's portal live, without a reload.
    await d.getByRole("button", { name: "Ask for information" }).click();
    const ask = d.getByRole("dialog", { name: "Ask for information" });
    await ask.getByRole("textbox", { name: "Question" }).fill(QUESTION);
    await checkPage(d, "episode-06-physician-ask-dialog", "the ask-for-information dialog");
    await ask.getByRole("button", { name: "Send question" }).click();
    await ask.waitFor({ state: "hidden" });
    await expectStatus(d, "needs_info", "the physician's page shows Needs information");

    await expectLive(
      p.getByRole("heading", { name: "Answer your physician's question" }),
      "the question, in the patient portal",
    );
    await expectLive(timeline(p).getByText(QUESTION), "the question on the patient's timeline");
    await checkPage(
      p,
      "episode-07-patient-question-live",
      "the patient's referral with the physician's question",
    );

    // 4. The patient answers: the physician sees it live, and the request is hers to decide again.
    await p.getByRole("textbox", { name: "Your answer" }).fill(ANSWER);
    await p.getByRole("button", { name: "Send answer" }).click();
    await expectLive(timeline(d).getByText(ANSWER), "the patient's answer, in the physician portal");
    await expectStatus(d, "requested", "the physician's page is back to Requested");
    await expectLive(d.getByRole("link", { name: "Sign prescription" }), "the Sign prescription action");

    // 5. She signs a prescription.
    await d.getByRole("link", { name: "Sign prescription" }).click();
    await waitForPath(d, `/physician/referrals/${referralId}/sign`);
    await d.getByRole("heading", { level: 1, name: "Sign prescription" }).waitFor();
    const form = d.getByRole("region", { name: "Prescription form" });
    expect(await form.getByRole("checkbox", { name: "Lower back", exact: true }).isChecked()).toBe(true);
    expect(await form.getByRole("textbox", { name: "Total sessions authorized" }).inputValue()).toBe("8");
    expect(
      await form.getByRole("textbox", { name: "Precautions and contraindications" }).inputValue(),
    ).toContain("Mild hypertension");
    await pickFromMultiSelect(d, "Diagnosis codes", "M54.50", /^M54\.50 — Low back pain/);
    await pickFromMultiSelect(d, "Diagnosis codes", "spasm of back", /^M62\.830 — Muscle spasm of back/);
    await form.getByRole("textbox", { name: "Weeks" }).fill("6");
    expect(await form.getByRole("textbox", { name: "Total sessions authorized" }).inputValue()).toBe("6");

    // Signing needs the attestation and the physician's own name.
    await form.getByRole("button", { name: "Sign prescription" }).click();
    await form.getByText("You must attest that massage therapy is medically necessary").waitFor();
    await form
      .getByRole("checkbox", {
        name: "I attest that massage therapy is medically necessary for this patient",
      })
      .check();
    await form.getByRole("textbox", { name: "Signature" }).fill("Someone Else");
    await form.getByRole("button", { name: "Sign prescription" }).click();
    await form.getByText(`Type your own name to sign: ${DEMO.physician.name}`).waitFor();
    await form.getByRole("textbox", { name: "Signature" }).fill(DEMO.physician.name);
    await checkPage(d, "episode-08-physician-sign-form", "the prescription form, filled in");

    // Meanwhile the patient writes on the referral: the open form is now stale, and signing says so instead of
    // acting on a version the physician did not see. Reload keeps what she filled in.
    const note = "One more thing: I also get headaches after long days at the desk.";
    await p.getByRole("textbox", { name: "Message to everyone on this referral" }).fill(note);
    await p.getByRole("button", { name: "Send message" }).click();
    await timeline(p).getByText(note).waitFor();
    await form.getByRole("button", { name: "Sign prescription" }).click();
    const conflict = form.getByRole("alert").filter({ hasText: "This referral changed since you opened it" });
    await conflict.waitFor();
    await checkPage(d, "episode-08b-physician-sign-conflict", "the prescription form after a conflict");
    await conflict.getByRole("button", { name: "Reload" }).click();
    await conflict.waitFor({ state: "hidden" });
    expect(await form.getByRole("textbox", { name: "Signature" }).inputValue()).toBe(DEMO.physician.name);
    expect(new URL(d.url()).pathname).toBe(`/physician/referrals/${referralId}/sign`);

    // Two quick clicks on Sign still make one prescription.
    await form.getByRole("button", { name: "Sign prescription" }).dblclick();

    await waitForPath(d, `/physician/referrals/${referralId}`);
    await expectStatus(d, "prescribed", "the referral is Prescribed");
    await timeline(d).locator('li[data-event-type="prescription_signed"]').waitFor();
    const rxCard = d.getByRole("region", { name: "Prescription", exact: true });
    await rxCard.getByText("M62.830").first().waitFor();
    await rxCard.getByRole("button", { name: "Verify signature" }).click();
    await rxCard.getByText("Verified: this prescription has not been changed since it was signed").waitFor();
    expect(await timeline(d).locator('li[data-event-type="prescription_signed"]').count()).toBe(1);
    expect(await d.getByRole("region", { name: "Prescription", exact: true }).count()).toBe(1);
    await checkPage(d, "episode-09-physician-prescribed", "the referral with its signed prescription");
    await timeline(d).getByText(note).waitFor();

    // The printable prescription: physician, NPI, date and hash on one sheet.
    await rxCard.getByRole("link", { name: "Print prescription" }).click();
    await waitForPath(d, `/physician/referrals/${referralId}/prescription`);
    const sheet = d.getByRole("article", { name: "Prescription" });
    await sheet.getByText("NPI 1234567893").first().waitFor();
    await sheet.locator(".mm-hash").waitFor();
    await checkPage(d, "episode-09b-physician-printable-prescription", "the printable prescription");
    await d.getByRole("link", { name: "Back to the referral" }).click();
    await waitForPath(d, `/physician/referrals/${referralId}`);
    await waitUntilLive(d);

    // 6. The patient sees it live and chooses a therapist: an uncredentialed one is listed, not eligible, with why.
    await expectLive(
      p.getByRole("heading", { name: "Choose a therapist" }),
      "the prescription, in the patient portal",
    );
    await p.getByRole("link", { name: "Choose a therapist" }).click();
    await waitForPath(p, `/patient/referrals/${referralId}/therapists`);
    const therapists = p.getByRole("list", { name: "Therapists" });
    await therapists.waitFor();
    const therapistCard = (name: string) =>
      therapists.getByRole("listitem").filter({ has: p.getByRole("heading", { name, exact: true }) });
    // A therapist licensed in New York is listed when the patient looks there, but cannot take a California referral.
    await chooseOption(p, "State", "New York (NY)");
    const taylor = therapistCard("Taylor Brooks, LMT");
    await taylor.getByText("Not eligible", { exact: true }).waitFor();
    await taylor.getByText("Why this therapist can't take your referral").waitFor();
    expect(await taylor.getByRole("listitem").count()).toBeGreaterThan(0);
    expect(await taylor.getByRole("button", { name: "Choose Taylor Brooks, LMT" }).isDisabled()).toBe(true);
    await checkPage(
      p,
      "episode-10-patient-therapists-ineligible",
      "the therapist directory with an ineligible therapist",
    );
    await chooseOption(p, "State", "California (CA)");
    const jordan = therapistCard(DEMO.therapist.name);
    await jordan.getByText("Eligible", { exact: true }).waitFor();
    await checkPage(p, "episode-11-patient-therapists-eligible", "the therapist directory in California");
    await jordan.getByRole("button", { name: `Choose ${DEMO.therapist.name}` }).click();
    await p.getByRole("dialog").getByRole("button", { name: "Yes, send it" }).click();
    await waitForPath(p, `/patient/referrals/${referralId}`);
    await expectStatus(p, "awaiting_therapist", "the patient's referral waits for the therapist");
    await expectStatus(d, "awaiting_therapist", "the physician sees the therapist was chosen");

    // 7. The therapist finds the invitation first on her home page, reads the prescription and precautions, accepts.
    const therapist = await demoPortal(browser, "therapist");
    open.push(therapist);
    const t = therapist.page;
    const invitations = t.getByRole("region", { name: /^Invitations \(\d+\)$/ });
    await invitations.getByRole("link", { name: patientName, exact: true }).waitFor();
    await checkPage(t, "episode-12-therapist-invitations", "the therapist's home with the invitation");
    await invitations.getByRole("link", { name: patientName, exact: true }).click();
    await waitForPath(t, `/therapist/referrals/${referralId}`);
    await t.getByRole("region", { name: "Invitation" }).waitFor();
    await t
      .getByRole("region", { name: "Prescription and precautions" })
      .getByText("M54.50")
      .first()
      .waitFor();
    await waitUntilLive(t);
    await checkPage(t, "episode-13-therapist-invitation", "the therapist's invitation");
    await t.getByRole("button", { name: "Accept", exact: true }).click();
    await expectStatus(t, "planning", "the therapist's page shows Planning care");
    await t.getByRole("region", { name: "Invitation" }).waitFor({ state: "detached" });

    await expectStatus(p, "planning", "the acceptance, live in the patient portal");
    await expectLive(
      p.getByRole("heading", { name: "Your plan of care is being written" }),
      "the patient's next step",
    );
    await expectStatus(d, "planning", "the acceptance, live in the physician portal");

    // 8. A message from the therapist reaches both other portals live.
    const message = "Hello Riley, I'm looking forward to working with you. Evenings or mornings?";
    await t.getByRole("textbox", { name: "Message to everyone on this referral" }).fill(message);
    await t.getByRole("button", { name: "Send message" }).click();
    await expectLive(timeline(p).getByText(message), "the therapist's message, in the patient portal");
    await expectLive(timeline(d).getByText(message), "the therapist's message, in the physician portal");
    await checkPage(t, "episode-14-therapist-accepted", "the therapist's referral in planning");
    await checkPage(p, "episode-15-patient-planning", "the patient's referral in planning");
    await checkPage(d, "episode-16-physician-planning", "the physician's referral in planning");
    expect(await statusBadge(d).textContent()).toBe("Planning care");

    for (const x of open) expectNoPageErrors(x);
  }, 240_000);
});
