import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { unzipSync } from "fflate";
import type { APIRequestContext, Browser, Locator, Page } from "playwright-core";
import { extractText, getDocumentProxy, renderPageAsImage } from "unpdf";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO, freshEmail } from "./harness/accounts";
import { apiSignIn, trpc } from "./harness/api";
import { expectNoAxeViolations } from "./harness/axe";
import {
  artifactsDir,
  baseURL,
  browserAvailable,
  expectNoPageErrors,
  launchBrowser,
  newPage,
  url,
} from "./harness/browser";
import { checkPage, demoPortal, openReferral, timeline } from "./harness/episode";
import { signIn } from "./harness/portal";

const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const PATIENT = { name: "Dana Documents", password: "documents-e2e-password" };
const ADDENDUM = "Addendum: the patient walks 20 minutes a day without pain medication.";
/** The smallest PNG there is (1x1): a photo of the insurance card, as far as the server can tell. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** The text of a PDF, whitespace collapsed (pdf.js through unpdf). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return (text as string).replace(/\s+/g, " ");
}

/** Clicks what starts a download and answers the downloaded bytes with the suggested file name. */
async function download(page: Page, trigger: Locator): Promise<{ name: string; bytes: Uint8Array }> {
  const started = page.waitForEvent("download");
  await trigger.click();
  const d = await started;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

/**
 * A fresh patient's episode up to its first visit, driven through the real API: Dr. Alicia Chen prescribes (two
 * goals to the plan), Jordan Rivera accepts, the plan is in effect, one 55-minute visit of 97124 is logged.
 */
async function activeEpisode(browser: Browser, email: string): Promise<string> {
  const ctx = async (): Promise<APIRequestContext> => (await browser.newContext()).request;
  const [patient, physician, therapist] = [await ctx(), await ctx(), await ctx()];
  const signedUp = await patient.post(url("/api/auth/sign-up/email"), {
    data: { email, password: PATIENT.password, name: PATIENT.name, role: "patient" },
    headers: { origin: baseURL },
  });
  expect(signedUp.ok()).toBe(true);
  await apiSignIn(patient, email, PATIENT.password);
  await trpc(patient, "profile.update", {
    role: "patient",
    name: PATIENT.name,
    dateOfBirth: "1980-02-29",
    state: "CA",
    medicalConditions: [],
    medications: [],
    allergies: [],
  });
  await apiSignIn(physician, DEMO.physician.email);
  await apiSignIn(therapist, DEMO.therapist.email);
  const physicianId = (await trpc(physician, "me.get", {})).user.id;
  const therapistId = (await trpc(therapist, "me.get", {})).user.id;
  const referralId: string = (
    await trpc(patient, "referral.create", {
      physicianId,
      kind: "chronic",
      bodyRegions: ["lower_back"],
      symptoms: ["pain"],
      description: "Low back pain after long drives.",
      painNow: 6,
      eveningPain: 7,
      sleepHours: 5,
      medicationDosesPerDay: 3,
      medicalConditions: [],
      medications: [],
      expectations: { goals: [{ kind: "less_evening_pain" }], desiredFrequency: "weekly" },
    })
  ).referral.id;
  await trpc(physician, "prescription.sign", {
    referralId,
    diagnosisCodes: ["M54.50"],
    sessionsPerWeek: 1,
    weeks: 6,
    totalSessions: 6,
    cptCodes: ["97124"],
    bodyRegions: ["lower_back"],
    precautions: "",
    validFrom: day(),
    expiresOn: day(60),
    attestation: true,
    signature: DEMO.physician.name,
  });
  await trpc(patient, "referral.chooseTherapist", { referralId, therapistId });
  await trpc(therapist, "referral.accept", { referralId });
  await trpc(therapist, "plan.update", {
    referralId,
    version: 0,
    goals: [
      { measure: "pain", baseline: 6, target: 3, byDate: day(40) },
      { measure: "evening_pain", baseline: 7, target: 3, byDate: day(40) },
    ],
    frequency: "Once a week, 60 minutes",
    techniques: ["Myofascial release"],
    precautions: "",
    homeCare: "Heat in the evening.",
  });
  await trpc(physician, "plan.approve", { referralId, version: 1 });
  await trpc(therapist, "plan.approve", { referralId, version: 1 });
  await trpc(patient, "plan.acknowledge", { referralId, version: 1 });
  // A visit comes after the signature: the prescription was signed a moment ago.
  await new Promise((r) => setTimeout(r, 1_100));
  await trpc(therapist, "session.log", {
    referralId,
    occurredAt: new Date().toISOString(),
    minutes: 55,
    techniques: ["Myofascial release"],
    bodyRegions: ["lower_back"],
    pressure: "firm",
    subjective: "Pain 5/10 today.",
    objective: "",
    assessment: "",
    plan: "",
    painBefore: 5,
    painAfter: 3,
    cptCode: "97124",
  });
  return referralId;
}

describe.skipIf(!browserAvailable)("documents: the signed letter, the superbill and the whole record", () => {
  let browser: Browser;
  let referralId: string;
  const email = freshEmail("patient");

  beforeAll(async () => {
    browser = await launchBrowser();
    referralId = await activeEpisode(browser, email);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("the therapist records a fee per unit for the superbill", async () => {
    const t = await demoPortal(browser, "therapist");
    const { page } = t;
    await expectNoAxeViolations(page, "the therapist's home page");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My profile" }).click();
    const fees = page.getByRole("region", { name: "Fees for superbills" });
    await fees.getByRole("textbox", { name: /^97124: / }).fill("30");
    await fees.getByRole("button", { name: "Save fees" }).click();
    await page.getByText("Superbills now use these fees.").waitFor();
    await checkPage(page, "documents-01-therapist-fees", "the therapist's profile with the fees");
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("the physician edits the pre-filled letter, signs it, and downloads the signed PDF", async () => {
    const t = await demoPortal(browser, "physician");
    const { page } = t;
    await expectNoAxeViolations(page, "the physician's home page");
    await openReferral(page, "physician", referralId);
    const panel = page.getByRole("region", { name: "Letter of medical necessity" });
    await panel.getByText("No signed letter yet").waitFor();
    await panel.getByRole("button", { name: "Write a new version" }).click();
    const narrative = panel.getByRole("textbox", { name: "Narrative" });
    // Pre-filled from the referral and its progress: the goals are still open.
    await expect.poll(() => narrative.inputValue()).toContain("remains medically necessary");
    await narrative.fill(`${await narrative.inputValue()}\n\n${ADDENDUM}`);
    await panel.getByRole("checkbox", { name: "I attest that this letter is accurate" }).check();
    await panel.getByRole("textbox", { name: "Signature (type your full name)" }).fill(DEMO.physician.name);
    await checkPage(page, "documents-02-physician-letter-editor", "the physician's letter editor");
    await panel.getByRole("button", { name: "Sign version 1" }).click();
    const signed = panel.getByRole("list", { name: "Signed letters" });
    await signed.getByText(`Version 1, signed by ${DEMO.physician.name}`).waitFor();
    // The signature is on the referral's shared timeline.
    await timeline(page).getByText(`${DEMO.physician.name} signed a letter of medical necessity`).waitFor();
    await checkPage(page, "documents-03-physician-letter-signed", "the referral with the signed letter");

    const pdf = await download(page, signed.getByRole("link", { name: "Download version 1 (PDF)" }));
    expect(pdf.name).toMatch(/^letter-of-medical-necessity-[0-9a-f-]{36}-v1\.pdf$/);
    const text = await pdfText(pdf.bytes);
    for (const expected of [
      "Letter of medical necessity",
      DEMO.physician.name,
      PATIENT.name,
      "M54.50",
      ADDENDUM,
      "Treatment goals (2)",
      `Signed by: ${DEMO.physician.name}`,
      "Content hash (SHA-256):",
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The first page as an image, for a person to look at in the artifacts.
    const png = new Uint8Array(
      await renderPageAsImage(new Uint8Array(pdf.bytes), 1, {
        canvasImport: () => import("@napi-rs/canvas"),
        scale: 1.5,
      }),
    );
    expect([...png.slice(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    await writeFile(join(artifactsDir, "documents-letter-page-1.png"), png);
    expectNoPageErrors(t);
    await t.context.close();
  });

  test("the patient attaches a file, downloads a superbill over a date range and the whole record as a zip", async () => {
    const t = await newPage(browser, "documents-patient");
    const { page } = t;
    await page.goto(url("/patient/sign-in"));
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await expectNoAxeViolations(page, "the patient's sign-in page");
    await signIn(page, "patient", email, PATIENT.password);
    await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
    await expectNoAxeViolations(page, "the patient's home page");
    await openReferral(page, "patient", referralId);

    const files = page.getByRole("region", { name: "Files" });
    await files.locator('input[type="file"]').setInputFiles({
      name: "insurance card.png",
      mimeType: "image/png",
      buffer: PNG,
    });
    await files.getByRole("button", { name: "Upload" }).click();
    await files
      .getByRole("list", { name: "Files on this referral" })
      .getByText("insurance card.png")
      .waitFor();
    await timeline(page).getByText(`${PATIENT.name} attached a file`).waitFor();

    const superbill = page.getByRole("region", { name: "Superbill for reimbursement" });
    await superbill.getByLabel("From").fill(day(-7));
    await superbill.getByLabel("To").fill(day());
    await checkPage(page, "documents-04-patient-referral", "the patient's referral with the superbill");
    const bill = await download(page, superbill.getByRole("link", { name: "Download superbill (PDF)" }));
    expect(bill.name).toBe(`superbill-${day(-7)}-to-${day()}.pdf`);
    const billText = await pdfText(bill.bytes);
    for (const expected of [
      "Superbill: statement of services for reimbursement",
      `Period: ${day(-7)} to ${day()}`,
      PATIENT.name,
      DEMO.therapist.name.replace(/, LMT$/, ""),
      DEMO.physician.name,
      "M54.50",
      "97124",
      "$30.00",
      "Visits: 1",
      "Total units: 4",
      "Total charges: $120.00",
    ]) {
      expect(billText, expected).toContain(expected);
    }

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My profile" }).click();
    await page.getByRole("heading", { level: 1, name: "My profile" }).waitFor();
    await checkPage(page, "documents-05-patient-profile", "the patient's profile with the record download");
    const zip = await download(page, page.getByRole("link", { name: "Download my record (zip)" }));
    expect(zip.name).toMatch(/^medical-record-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(zip.bytes);
    const names = Object.keys(entries);
    const bundle = JSON.parse(new TextDecoder().decode(entries["record.fhir.json"]));
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
    expect(names.filter((n) => n.startsWith("prescriptions/"))).toHaveLength(1);
    const letters = names.filter((n) => n.startsWith("letters/"));
    expect(letters).toHaveLength(1);
    expect(await pdfText(entries[letters[0]!]!)).toContain(ADDENDUM);
    const uploaded = names.filter((n) => n.startsWith("files/"));
    expect(uploaded).toEqual([expect.stringMatching(/insurance card\.png$/)]);
    expect(Buffer.from(entries[uploaded[0]!]!).equals(PNG)).toBe(true);
    expectNoPageErrors(t);
    await t.context.close();
  });
});
