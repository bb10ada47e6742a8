import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO } from "./harness/accounts";
import { browserAvailable, expectNoPageErrors, launchBrowser, type TestPage, url } from "./harness/browser";
import {
  checkPage,
  demoPortal,
  expectLive,
  openReferral,
  pickScale,
  referralIdOf,
  timeline,
  waitForPath,
  waitUntilLive,
} from "./harness/episode";

async function expectStatus(page: Page, status: string, what: string) {
  await expectLive(page.locator(`[data-status="${status}"]`), what);
}

function planPanel(page: Page) {
  return page.getByRole("region", { name: "Plan of care" });
}

type SessionEntry = { minutes: number; before: number; after: number; subjective: string };

/** The therapist's session form, from the referral page and back. */
async function logSession(t: Page, referralId: string, s: SessionEntry, check?: string) {
  await t.getByRole("link", { name: "Log a session" }).click();
  await waitForPath(t, `/therapist/referrals/${referralId}/sessions/new`);
  const form = t.getByRole("region", { name: "Session form" });
  await form.waitFor();
  // Units follow the minutes as they are typed (8-minute rule), with a warning under 8 minutes.
  const minutes = form.getByRole("textbox", { name: "Minutes" });
  await minutes.fill("5");
  await form.getByText("= 0 billable units (8-minute rule)").waitFor();
  await form.getByText(/Under 8 minutes: no billable unit/).waitFor();
  await minutes.fill(String(s.minutes));
  await form.getByText(/^= \d+ billable units? \(8-minute rule\)$/).waitFor();
  // Only the prescribed CPT code is offered.
  expect(await form.getByRole("radio", { name: /^97140/ }).count()).toBe(0);
  await form.getByRole("radio", { name: /^97124/ }).check();
  const techniques = form
    .getByRole("textbox", { name: "Techniques" })
    .or(form.getByRole("combobox", { name: "Techniques" }))
    .first();
  if ((await form.getByText("Myofascial release", { exact: true }).count()) === 0) {
    await techniques.fill("Myofascial release");
    await techniques.press("Enter");
  }
  await form.getByRole("radio", { name: "Firm", exact: true }).check();
  await form.getByRole("textbox", { name: "Pain before" }).fill(String(s.before));
  await form.getByRole("textbox", { name: "Pain after" }).fill(String(s.after));
  await form.getByRole("textbox", { name: "Subjective" }).fill(s.subjective);
  await form
    .getByRole("textbox", { name: "Objective" })
    .fill("Hypertonic lumbar paraspinals; trigger point right QL.");
  await form
    .getByRole("textbox", { name: "Assessment" })
    .fill("Good tissue response; range of motion improving.");
  await form
    .getByRole("textbox", { name: "Plan", exact: true })
    .fill("Continue weekly; heat and stretches at home.");
  if (check) await checkPage(t, check, "the therapist's session form");
  await form.getByRole("button", { name: "Log session" }).click();
  await waitForPath(t, `/therapist/referrals/${referralId}`);
}

/** The patient's between-session report ("How do you feel today?"). */
async function report(p: Page, r: { pain: number; evening: number; sleep: string; doses: string }) {
  const form = p.getByRole("form", { name: "How do you feel today?" });
  await pickScale(p, "Pain right now", r.pain);
  await pickScale(p, "Pain in the evening", r.evening);
  await form.getByRole("textbox", { name: "Hours of sleep last night" }).fill(r.sleep);
  await form.getByRole("textbox", { name: "Pain medication doses today" }).fill(r.doses);
  // The page acts on the referral's latest version: wait for the record to reload after sending.
  const reloaded = p.waitForResponse((res) => res.url().includes("referral.get") && res.ok());
  await form.getByRole("button", { name: "Send how I feel" }).click();
  await p.getByText("Your physician and therapist can see how you feel.").first().waitFor();
  await reloaded;
}

/**
 * Issue 4, end to end on the demo referral that is in planning (Pat Morgan, Dr. Alicia Chen, Jordan Rivera): the
 * therapist writes the plan of care, the physician edits it (which clears approvals), both approve the same
 * version, the patient acknowledges, and treatment starts; the therapist logs three sessions, the patient reports
 * twice, and the physician reads the charts and the justification summary and renews the prescription.
 */
describe.skipIf(!browserAvailable)("episode, part 2: plan of care, treatment and renewal", () => {
  let browser: Browser;
  const open: TestPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const t of open) await t.context.close().catch(() => {});
    await browser?.close();
  });

  test("co-authored plan → approvals → acknowledgement → three sessions → two reports → charts, justification, renewal", async () => {
    const physician = await demoPortal(browser, "physician");
    const therapist = await demoPortal(browser, "therapist");
    const patient = await demoPortal(browser, "patient");
    open.push(physician, therapist, patient);
    const d = physician.page;
    const t = therapist.page;
    const p = patient.page;

    // The demo patient's referral in planning, from the physician's inbox.
    await d.goto(url("/physician/referrals?status=planning"));
    await d.getByRole("heading", { level: 1, name: "Referrals" }).waitFor();
    await d.getByRole("link", { name: DEMO.patient.name, exact: true }).click();
    await d.waitForURL(/\/physician\/referrals\/[0-9a-f-]{36}$/);
    const referralId = referralIdOf(d);
    await timeline(d).waitFor();
    await expectStatus(d, "planning", "the demo referral is in planning");

    // The therapist finds the patient under "My patients".
    const mine = t.getByRole("region", { name: /^My patients \(\d+\)$/ });
    await mine.getByRole("link", { name: DEMO.patient.name }).first().waitFor();
    await openReferral(t, "therapist", referralId);
    await openReferral(p, "patient", referralId);
    await Promise.all([waitUntilLive(d), waitUntilLive(t), waitUntilLive(p)]);
    await checkPage(
      t,
      "treatment-01-therapist-planning",
      "the therapist's referral in planning (no plan yet)",
    );

    // 1. The therapist writes the first version of the plan of care.
    await planPanel(t).getByRole("button", { name: "Write the plan of care" }).click();
    const editor = t.getByRole("form", { name: "Edit the plan of care" });
    await editor.waitFor();
    const goal1 = editor.getByRole("group", { name: "Goal 1" });
    expect(await goal1.getByRole("textbox", { name: "Baseline" }).inputValue()).toBe("6");
    await goal1.getByRole("textbox", { name: "Target" }).fill("3");
    await editor.getByRole("button", { name: "Add a goal" }).click();
    const goal2 = editor.getByRole("group", { name: "Goal 2" });
    await goal2.getByRole("combobox", { name: "Measure" }).click();
    await t.getByRole("option", { name: "Evening pain", exact: true }).click();
    expect(await goal2.getByRole("textbox", { name: "Baseline" }).inputValue()).toBe("7");
    await goal2.getByRole("textbox", { name: "Target" }).fill("3");
    await editor.getByRole("textbox", { name: "Frequency" }).fill("Once a week, 60 minutes");
    const techniques = editor
      .getByRole("textbox", { name: "Techniques" })
      .or(editor.getByRole("combobox", { name: "Techniques" }))
      .first();
    await techniques.fill("Myofascial release");
    await techniques.press("Enter");
    await techniques.fill("Trigger point therapy");
    await techniques.press("Enter");
    await editor
      .getByRole("textbox", { name: "Precautions" })
      .fill("Hypertension: limit prone time to 45 minutes.");
    await editor
      .getByRole("textbox", { name: "Home care advice" })
      .fill("Heat 15 minutes each evening; gentle stretches.");
    await checkPage(t, "treatment-02-therapist-plan-editor", "the plan editor");
    await editor.getByRole("button", { name: "Save new version" }).click();
    await planPanel(t).getByText("Version 1").first().waitFor();
    await planPanel(t).getByRole("button", { name: "Approve version 1" }).click();
    await planPanel(t).getByText("You approved version 1.").waitFor();

    // 2. The physician sees it live, edits it (a new version clears the therapist's approval) and approves.
    await expectLive(
      planPanel(d).getByRole("button", { name: "Approve version 1" }),
      "plan version 1, in the physician portal",
    );
    await planPanel(d).getByRole("button", { name: "Edit the plan" }).click();
    const physicianEditor = d.getByRole("form", { name: "Edit the plan of care" });
    await physicianEditor
      .getByRole("group", { name: "Goal 1" })
      .getByRole("textbox", { name: "Target" })
      .fill("2");
    await physicianEditor.getByRole("button", { name: "Save new version" }).click();
    await planPanel(d).getByRole("button", { name: "Approve version 2" }).click();
    await planPanel(d).getByText("You approved version 2.").waitFor();
    await checkPage(d, "treatment-03-physician-plan-v2", "the physician's plan of care, version 2 approved");

    // 3. The therapist approves the same version.
    await expectLive(
      planPanel(t).getByRole("button", { name: "Approve version 2" }),
      "plan version 2, in the therapist portal",
    );
    await planPanel(t).getByRole("button", { name: "Approve version 2" }).click();
    await planPanel(t).getByText("You approved version 2.").waitFor();

    // 4. The patient acknowledges it: the plan is in effect and treatment starts, in every portal.
    const acknowledge = planPanel(p).getByRole("button", {
      name: "I have read this plan (acknowledge version 2)",
    });
    await expectLive(acknowledge, "the approved plan, in the patient portal");
    await checkPage(p, "treatment-04-patient-acknowledge", "the patient's plan of care to acknowledge");
    await acknowledge.click();
    await expectStatus(p, "active", "the patient's referral is In treatment");
    await expectStatus(t, "active", "the therapist's referral is In treatment");
    await expectStatus(d, "active", "the physician's referral is In treatment");

    // 5. The therapist logs three sessions.
    const sessions: SessionEntry[] = [
      { minutes: 60, before: 6, after: 4, subjective: "Pain 6/10 this morning; slept 5 hours." },
      { minutes: 55, before: 5, after: 3, subjective: "Better mornings; evenings still sore." },
      { minutes: 50, before: 4, after: 2, subjective: "Slept through the night twice this week." },
    ];
    await logSession(t, referralId, sessions[0]!, "treatment-05-therapist-session-form");
    await logSession(t, referralId, sessions[1]!);
    await logSession(t, referralId, sessions[2]!);
    const sessionTable = t.getByRole("table", { name: "Sessions" });
    await sessionTable.waitFor();
    await expectLive(sessionTable.getByRole("row").nth(3), "the third session in the list");
    expect(await sessionTable.getByRole("row").count()).toBe(4);
    await sessionTable
      .getByRole("button", { name: /^Show note/ })
      .first()
      .click();
    await sessionTable.getByText(sessions[2]!.subjective).waitFor();
    await checkPage(t, "treatment-06-therapist-sessions", "the therapist's referral with three sessions");

    // The therapist reports progress to the physician; it reaches her timeline live.
    const progressNote =
      "Three sessions in: pain before treatment down from 6 to 4, sleeping longer. Continue weekly.";
    await t.getByRole("button", { name: "Send progress report to physician" }).click();
    const share = t.getByRole("dialog", { name: "Send a progress report to the physician" });
    await share.getByRole("textbox", { name: "Progress note" }).fill(progressNote);
    await share.getByRole("button", { name: "Send report" }).click();
    await share.waitFor({ state: "hidden" });
    await expectLive(
      timeline(d).getByText(progressNote),
      "the therapist's progress report, in the physician portal",
    );

    // 6. The patient reports twice between sessions.
    await expectLive(p.getByRole("form", { name: "How do you feel today?" }), "the patient's report form");
    await report(p, { pain: 4, evening: 5, sleep: "6", doses: "2" });
    await report(p, { pain: 3, evening: 4, sleep: "6.5", doses: "1" });
    await expectLive(
      timeline(d).locator('li[data-event-type="progress_reported"]').nth(1),
      "both reports, on the physician's timeline",
    );
    await checkPage(p, "treatment-07-patient-reported", "the patient's referral after two reports");

    // 7. The physician reads the charts and the justification summary.
    const progress = d.getByRole("region", { name: "Progress" });
    await progress.waitFor();
    await progress.locator(".recharts-surface").first().waitFor();
    await progress.scrollIntoViewIfNeeded();
    await checkPage(
      d,
      "treatment-08-physician-progress-charts",
      "the physician's referral with progress charts",
    );
    await d.getByRole("link", { name: "Print justification" }).click();
    await waitForPath(d, `/physician/referrals/${referralId}/justification`);
    await d.getByRole("heading", { level: 1, name: "Justification summary" }).waitFor();
    await d
      .getByText(/Sessions attended|sessions attended/)
      .first()
      .waitFor();
    await checkPage(d, "treatment-09-physician-justification", "the printable justification summary");
    await d.getByRole("link", { name: "Back to the referral" }).click();
    await waitForPath(d, `/physician/referrals/${referralId}`);

    // 8. She renews the prescription: the form starts from the current one.
    await d.getByRole("link", { name: "Renew prescription" }).click();
    await waitForPath(d, `/physician/referrals/${referralId}/renew`);
    const form = d.getByRole("region", { name: "Prescription form" });
    await form.waitFor();
    expect(await form.getByRole("textbox", { name: "Total sessions authorized" }).inputValue()).toBe("8");
    // The total follows the rate: 2 a week for 8 weeks is 16; back to 1 a week, 8 again.
    const total = form.getByRole("textbox", { name: "Total sessions authorized" });
    await form.getByRole("textbox", { name: "Sessions per week" }).fill("2");
    await expect.poll(() => total.inputValue()).toBe("16");
    await form.getByRole("textbox", { name: "Weeks" }).fill("10");
    await expect.poll(() => total.inputValue()).toBe("20");
    await form.getByRole("textbox", { name: "Sessions per week" }).fill("1");
    await form.getByRole("textbox", { name: "Weeks" }).fill("8");
    await expect.poll(() => total.inputValue()).toBe("8");
    await form
      .getByText(/^M54\.50 — /)
      .first()
      .waitFor();
    await form
      .getByRole("checkbox", {
        name: "I attest that massage therapy is medically necessary for this patient",
      })
      .check();
    await form.getByRole("textbox", { name: "Signature" }).fill(DEMO.physician.name);
    await checkPage(d, "treatment-10-physician-renewal-form", "the renewal form");
    await form.getByRole("button", { name: "Sign renewal" }).click();
    await waitForPath(d, `/physician/referrals/${referralId}`);
    await d.getByRole("region", { name: "Current prescription" }).waitFor();
    await d.getByRole("region", { name: /^Earlier prescription, signed / }).waitFor();
    await timeline(d).locator('li[data-event-type="prescription_renewed"]').waitFor();
    await expectStatus(d, "active", "still in treatment after the renewal");
    await expectLive(
      timeline(t).locator('li[data-event-type="prescription_renewed"]'),
      "the renewal, in the therapist portal",
    );
    await checkPage(d, "treatment-11-physician-renewed", "the physician's referral after renewal");

    for (const x of open) expectNoPageErrors(x);
  }, 300_000);
});
