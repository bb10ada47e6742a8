import { createHash } from "node:crypto";
import {
  auditLog,
  letter,
  prescription,
  referral,
  therapistProfile,
  therapySession,
  uploadedFile,
} from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import {
  hashLetter,
  ICD10_LABELS,
  LETTER_GOAL_STATUS_LABELS,
  type PlanGoalInput,
  visitUnits,
} from "@mm/domain";
import { and, eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, type SessionUser } from "../context";
import { activeReferral, type Parties } from "../testing/episode";
import {
  coverageInput,
  expectRefused,
  inDays,
  PRECAUTIONS,
  prescriptionInput,
  therapistProfileInput,
  today,
} from "../testing/referral-fixtures";
import { shiftedClock } from "../testing/shifted-clock";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { goalsFrom, justNow, REQUEST_BASELINES, sessionInput } from "../testing/treatment-fixtures";
import {
  fileDownload,
  fileUpload,
  letterDownload,
  prescriptionDownload,
  prescriptionVerification,
  superbillDownload,
} from "./downloads";
import { capabilityStatement } from "./fhir";
import { patientEverything, referralBundle } from "./fhir-service";
import { fhirIssues, referencesIn } from "./fhir-validate";
import { PAPER_SIZES } from "./pdf";
import { pdfPages, pdfText } from "./pdf-text";
import { recordZip } from "./record-zip";

const ORIGIN = "https://massage.example.org";
const DAY_MS = 86_400_000;

/**
 * Server-rendered documents for a full episode, read back with a PDF text extractor: every printed field, the
 * parties-only rule (an outsider gets NOT_FOUND, like a missing id) and the audit row of each download.
 */
describe.each(testDbTargets())("documents on %s", (target) => {
  let api: TestApi;
  const p = {} as Parties;
  let outsider: Awaited<ReturnType<TestApi["member"]>>;
  let episode: { referralId: string; prescriptionId: string };
  const { now, at } = shiftedClock();

  /**
   * An active episode whose prescription was signed a day ago and is valid from then: sessions "just now" come
   * after the signature, as the session rules require.
   */
  const signedYesterday = (opts: Parameters<typeof activeReferral>[1] = {}) =>
    at(-DAY_MS, () => activeReferral(p, { ...opts, rx: { validFrom: inDays(-1), ...opts.rx } }));

  beforeAll(async () => {
    api = await createTestApi(target, { now });
    p.physician = await api.member({
      ...SAMPLE.physician("Dr. Ada Document"),
      phone: "+1 415 555 0100",
      practiceAddress: "500 Market Street, Suite 2, San Francisco, CA 94105",
      licenseNumber: "CA-A123456",
    });
    p.therapist = await api.member(therapistProfileInput("Tess Document"));
    p.patient = await api.member(SAMPLE.patient("Pat Document"));
    outsider = await api.member(SAMPLE.physician("Dr. Olive Outsider"));
    episode = await signedYesterday();
  });
  afterAll(async () => api?.close());

  /** The request context the HTTP route builds from the member's cookie. */
  async function ctxOf(m: { cookie: string }) {
    const ctx = await createContext(api.deps, new Headers({ cookie: m.cookie }));
    return { ...ctx, user: ctx.user as SessionUser };
  }

  /** The referral's timeline events of one type, oldest first, as the party sees them. */
  const eventsOf = async (who: Parties["patient"], type: string) =>
    (await who.caller.timeline.list({ referralId: episode.referralId, limit: 200 })).items
      .filter((e) => e.type === type)
      .sort((a, b) => a.seq - b.seq);

  const auditsOf = (action: string, entityId: string) =>
    api.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));

  it("prints every field of the prescription, for each party, and audits each download", async () => {
    for (const who of [p.patient, p.physician, p.therapist]) {
      const out = await prescriptionDownload(await ctxOf(who), episode.prescriptionId, ORIGIN);
      expect(out.contentType).toBe("application/pdf");
      expect(out.filename).toBe(`prescription-${episode.prescriptionId}.pdf`);
      const text = await pdfText(out.bytes);
      const verified = await prescriptionVerification(await ctxOf(who), episode.prescriptionId);
      expect(verified.valid).toBe(true);
      for (const expected of [
        "Dr. Ada Document",
        "NPI: 1234567893",
        "Practice: Test Clinic",
        "Practice address: 500 Market Street, Suite 2, San Francisco, CA 94105",
        "Practice phone: +1 415 555 0100",
        "Practice state: CA",
        "State license number: CA-A123456",
        "Pat Document",
        "Date of birth: 1980-02-03",
        "M54.50",
        ICD10_LABELS["M54.50"],
        "M62.830",
        ICD10_LABELS["M62.830"],
        "97124",
        "Massage therapy, each 15 minutes",
        "97140",
        "Manual therapy techniques, each 15 minutes",
        "Frequency: 1 session(s) per week for 12 week(s)",
        "Sessions authorized: 12",
        "Lower back, Neck",
        `Precautions: ${PRECAUTIONS}`,
        "Signed by: Dr. Ada Test",
        `Signed at: ${verified.signedAt.slice(0, 19).replace("T", " ")} UTC`,
        `Content hash (SHA-256): ${verified.storedHash}`,
        `${ORIGIN}/documents/prescriptions/${episode.prescriptionId}/verify`,
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).toMatch(/Valid: from \d{4}-\d\d-\d\d through \d{4}-\d\d-\d\d/);
    }
    const rows = await auditsOf("document.prescription_pdf", episode.prescriptionId);
    expect(rows.map((r) => r.actorRole).sort()).toEqual(["patient", "physician", "therapist"]);
    expect(rows.every((r) => r.referralId === episode.referralId)).toBe(true);
  });

  it("answers NOT_FOUND to an outsider, an unknown id and a malformed id, and audits none of them", async () => {
    const before = (await auditsOf("document.prescription_pdf", episode.prescriptionId)).length;
    for (const [who, id] of [
      [outsider, episode.prescriptionId],
      [p.patient, "00000000-0000-4000-8000-000000000000"],
      [p.patient, "not-a-uuid"],
    ] as const) {
      await expect(prescriptionDownload(await ctxOf(who), id, ORIGIN)).rejects.toMatchObject({
        kind: "not_found",
      });
    }
    expect((await auditsOf("document.prescription_pdf", episode.prescriptionId)).length).toBe(before);
  });

  describe("letter of medical necessity", () => {
    const SIGN = { attestation: true as const, signature: "Dr. Ada Document" };

    it("drafts from the progress: still necessary while goals are open, not once every goal is achieved", async () => {
      await p.therapist.caller.session.log(
        sessionInput(episode.referralId, { occurredAt: justNow(), painBefore: 5, painAfter: 3 }),
      );
      const open = await p.physician.caller.letter.draft({ referralId: episode.referralId });
      expect(open.nextVersion).toBe(1);
      expect(open.goals.map((g) => g.name)).toEqual(["Pain", "Evening pain", "Sleep", "Pain medication"]);
      expect(open.narrative).toContain("Pat Document is under my care for chronic");
      // Mid-sentence the label reads in lower case ("chronic low back pain, unspecified").
      expect(open.narrative).toContain(`${ICD10_LABELS["M54.50"].toLowerCase()} (M54.50)`);
      expect(open.narrative).toContain("remains medically necessary");
      expect(open.narrative).toContain("1 of 12 authorized sessions");

      // The patient now reports every figure at or past its target.
      await p.patient.caller.progress.report({
        referralId: episode.referralId,
        painNow: 2,
        eveningPain: 3,
        sleepHours: 7.5,
        medicationDoses: 0,
        note: "",
      });
      const met = await p.physician.caller.letter.draft({ referralId: episode.referralId });
      expect(met.goals.every((g) => g.status === "achieved")).toBe(true);
      expect(met.narrative).toContain("All 4 treatment goals have been achieved");
      expect(met.narrative).toContain("no longer medically necessary");
      expect(met.narrative).not.toContain("remains medically necessary");
    });

    it("signs immutable versions with a hash of their content, chained to the previous one", async () => {
      const draft = await p.physician.caller.letter.draft({ referralId: episode.referralId });
      const v1 = await p.physician.caller.letter.sign({
        referralId: episode.referralId,
        narrative: draft.narrative,
        ...SIGN,
      });
      const v2 = await p.physician.caller.letter.sign({
        referralId: episode.referralId,
        narrative: `${draft.narrative}\n\nAmended: the patient continues a home program.`,
        ...SIGN,
      });
      expect([v1.version, v2.version]).toEqual([1, 2]);
      // Signing is a change of the referral: each answers the referral's new version, and the signed instant.
      expect(v1.referral.id).toBe(episode.referralId);
      expect(v2.referral.version).toBe(v1.referral.version + 1);
      expect(Date.parse(v2.signedAt)).toBeGreaterThanOrEqual(Date.parse(v1.signedAt));
      const rows = await api.db.select().from(letter).where(eq(letter.referralId, episode.referralId));
      const second = rows.find((r) => r.id === v2.letterId)!;
      expect(second.previousLetterId).toBe(v1.letterId);
      for (const row of rows) {
        expect(await hashLetter({ ...row, signedAt: row.signedAt.toISOString() })).toBe(row.contentHash);
      }
      const listed = await p.patient.caller.letter.list({ referralId: episode.referralId });
      expect(listed.map((l) => l.version)).toEqual([2, 1]);
      expect(await auditsOf("letter.sign", v1.letterId)).toHaveLength(1);
      // Each signature is on the shared timeline, for every party, with the version it signed.
      for (const who of [p.patient, p.therapist]) {
        expect(await eventsOf(who, "letter_signed")).toEqual([
          expect.objectContaining({ actorRole: "physician", data: { letterId: v1.letterId, version: 1 } }),
          expect.objectContaining({ actorRole: "physician", data: { letterId: v2.letterId, version: 2 } }),
        ]);
      }

      // The letter PDF: every field, for each party, audited.
      for (const who of [p.patient, p.physician, p.therapist]) {
        const out = await letterDownload(await ctxOf(who), v2.letterId);
        const text = await pdfText(out.bytes);
        for (const expected of [
          "Letter of medical necessity",
          "Dr. Ada Document",
          "NPI: 1234567893",
          "State license number: CA-A123456",
          "Pat Document",
          "M54.50",
          "Amended: the patient continues a home program.",
          "Treatment goals (4)",
          "Signed by: Dr. Ada Document",
          `${v2.letterId}, version 2`,
          `Supersedes: ${v1.letterId}`,
          `Content hash (SHA-256): ${v2.contentHash}`,
        ]) {
          expect(text).toContain(expected);
        }
        expect(text.split(LETTER_GOAL_STATUS_LABELS.achieved).length - 1).toBe(4);
      }
      expect(await auditsOf("document.letter_pdf", v2.letterId)).toHaveLength(3);
    });

    it("refuses outsiders (NOT_FOUND), non-physicians (FORBIDDEN) and a bad paper size (BAD_REQUEST)", async () => {
      const [first] = await p.patient.caller.letter.list({ referralId: episode.referralId });
      const audited = (await auditsOf("document.letter_pdf", first!.id)).length;
      await expectRefused(outsider.caller.letter.draft({ referralId: episode.referralId }), "NOT_FOUND");
      await expectRefused(
        outsider.caller.letter.sign({ referralId: episode.referralId, narrative: "x".repeat(30), ...SIGN }),
        "NOT_FOUND",
      );
      await expectRefused(outsider.caller.letter.list({ referralId: episode.referralId }), "NOT_FOUND");
      await expectRefused(
        p.patient.caller.letter.sign({ referralId: episode.referralId, narrative: "x".repeat(30), ...SIGN }),
        "FORBIDDEN",
      );
      await expect(letterDownload(await ctxOf(outsider), first!.id)).rejects.toMatchObject({
        kind: "not_found",
      });
      await expect(letterDownload(await ctxOf(p.patient), first!.id, "B7")).rejects.toMatchObject({
        kind: "invalid",
        rule: "paper",
      });
      expect(await auditsOf("document.letter_pdf", first!.id)).toHaveLength(audited);
    });

    it("prints the complete goal table on every paper size: no row lost at a page break, no status cut", async () => {
      const custom: PlanGoalInput[] = Array.from({ length: 6 }, (_, i) => ({
        measure: "custom",
        customName: `Custom goal number ${i + 1} with a long descriptive name that wraps`,
        customUnit: "minutes",
        direction: "higher_is_better",
        baseline: 10,
        target: 40,
        byDate: inDays(60),
      }));
      const ep = await signedYesterday({ plan: { goals: [...goalsFrom(REQUEST_BASELINES), ...custom] } });
      const draft = await p.physician.caller.letter.draft({ referralId: ep.referralId });
      expect(draft.goals).toHaveLength(10);
      let splitTables = 0;
      const filler =
        "The patient's chronic low back pain limits sitting at work and sleep; massage therapy addresses the " +
        "hypertonic paraspinal muscles documented at each visit, and the plan of care measures the result.";
      for (let paragraphs = 0; paragraphs <= 12; paragraphs += 2) {
        const narrative = [draft.narrative, ...Array.from({ length: paragraphs }, () => filler)].join("\n\n");
        const { letterId } = await p.physician.caller.letter.sign({
          referralId: ep.referralId,
          narrative,
          ...SIGN,
        });
        for (const paper of PAPER_SIZES) {
          const pages = await pdfPages((await letterDownload(await ctxOf(p.patient), letterId, paper)).bytes);
          const text = pages.join(" ");
          for (const g of draft.goals) {
            expect(text.split(g.name).length - 1, `${paper}/${paragraphs}: ${g.name}`).toBeGreaterThanOrEqual(
              1,
            );
          }
          expect(text.split(LETTER_GOAL_STATUS_LABELS.not_measured).length - 1, paper).toBe(
            draft.goals.filter((g) => g.status === "not_measured").length,
          );
          const header = "Goal Baseline Target By Latest Status";
          if (pages.filter((page) => page.includes(header)).length > 1) splitTables += 1;
        }
      }
      // Some of these layouts do break the table across pages; the header repeats and every row is still there.
      expect(splitTables).toBeGreaterThan(0);
    });
  });

  describe("superbill", () => {
    const range = (from: string, to: string) => ({ referralId: episode.referralId, from, to });

    it("needs the therapist's fee for every code billed, naming the code", async () => {
      await p.therapist.caller.session.log(sessionInput(episode.referralId, { occurredAt: justNow(90) }));
      await expect(
        superbillDownload(await ctxOf(p.patient), range(inDays(-1), today())),
      ).rejects.toMatchObject({
        kind: "rule",
        rule: "superbill.fee_missing",
      });
    });

    it("prints patient, provider, referring physician, diagnoses, each visit's lines and the totals", async () => {
      await expectRefused(
        p.patient.caller.fee.set({ fees: [{ cptCode: "97124", centsPerUnit: 1 }] }),
        "FORBIDDEN",
      );
      await p.therapist.caller.fee.set({
        fees: [
          { cptCode: "97124", centsPerUnit: 3000 },
          { cptCode: "97140", centsPerUnit: 3550 },
        ],
      });
      expect(await p.therapist.caller.fee.get()).toEqual([
        { cptCode: "97124", centsPerUnit: 3000 },
        { cptCode: "97140", centsPerUnit: 3550 },
      ]);
      await p.patient.caller.coverage.upsert(coverageInput());
      await p.therapist.caller.session.log(
        sessionInput(episode.referralId, { occurredAt: justNow(30), minutes: 30, cptCode: "97140" }),
      );
      // Two services in one visit: 33 minutes in all are 2 units, one each (10 remaining minutes beat 8).
      const { cptCode: _single, ...multi } = sessionInput(episode.referralId, {
        occurredAt: justNow(20),
        minutes: 40,
      });
      const logged = await p.therapist.caller.session.log({
        ...multi,
        services: [
          { cptCode: "97140", minutes: 23 },
          { cptCode: "97124", minutes: 10 },
        ],
      });
      expect(logged.services.map((x) => x.units)).toEqual([1, 1]);
      // A visit logged before visits listed their services: one code, its stored units.
      const [legacy] = await api.db
        .select({ id: therapySession.id })
        .from(therapySession)
        .where(and(eq(therapySession.referralId, episode.referralId), eq(therapySession.cptCode, "97124")))
        .limit(1);
      await api.db.update(therapySession).set({ services: [] }).where(eq(therapySession.id, legacy!.id));

      const visits = await api.db
        .select()
        .from(therapySession)
        .where(eq(therapySession.referralId, episode.referralId));
      expect(visits.some((v) => v.services.length === 0)).toBe(true);
      expect(visits.some((v) => v.services.length === 2)).toBe(true);
      // Each visit's billed lines: its services that earn units by the domain's 8-minute rule, else its one code.
      const linesOf = (v: (typeof visits)[number]) =>
        v.services.length
          ? visitUnits(v.services).services.filter((x) => x.units > 0)
          : [{ cptCode: v.cptCode, units: v.units }];
      expect(visits.every((v) => linesOf(v).length > 0)).toBe(true);
      const lines = visits.flatMap((v) => linesOf(v).map((l) => ({ ...l, date: v.occurredAt })));
      expect(new Set(lines.map((l) => l.cptCode))).toEqual(new Set(["97124", "97140"]));
      const fee = { "97124": 3000, "97140": 3550 } as Record<string, number>;
      const cents = lines.reduce((n, l) => n + l.units * fee[l.cptCode]!, 0);
      const usd = (c: number) => `$${(c / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

      const [profile] = await api.db
        .select({ npi: therapistProfile.npi })
        .from(therapistProfile)
        .where(eq(therapistProfile.userId, p.therapist.user.id));
      const therapistNpi = profile!.npi!;
      expect(therapistNpi).toMatch(/^\d{10}$/);
      const before = (
        await api.db.select().from(auditLog).where(eq(auditLog.action, "document.superbill_pdf"))
      ).length;
      for (const who of [p.patient, p.therapist, p.physician]) {
        const out = await superbillDownload(await ctxOf(who), range(inDays(-1), today()));
        expect(out.filename).toBe(`superbill-${inDays(-1)}-to-${today()}.pdf`);
        const text = await pdfText(out.bytes);
        for (const expected of [
          `Period: ${inDays(-1)} to ${today()}`,
          "Name: Pat Document",
          "Date of birth: 1980-02-03",
          "Insurer: Aetna",
          "Member id: W123456789",
          "Group number: 0012345",
          "Name: Tess Document",
          "Credential: license LMT-",
          "(CA)",
          "Name: Dr. Ada Document",
          "NPI: 1234567893",
          "M54.50",
          ICD10_LABELS["M62.830"],
          "11 (Office)",
          "97124 Massage therapy, each 15 minutes",
          "97140 Manual therapy techniques, each 15 minutes",
          "$30.00",
          "$35.50",
          `Visits: ${visits.length}`,
          `Total units: ${lines.reduce((n, l) => n + l.units, 0)}`,
          `Total charges: ${usd(cents)}`,
        ]) {
          expect(text).toContain(expected);
        }
        expect(text).toContain(`NPI: ${therapistNpi}`);
        for (const l of lines) {
          expect(text).toContain(`${l.date.toISOString().slice(0, 10)} 11 (Office) ${l.cptCode}`);
          expect(text).toContain(`${l.units} ${usd(fee[l.cptCode]!)} ${usd(l.units * fee[l.cptCode]!)}`);
        }
        expect(text.split(" 11 (Office) ").length - 1).toBe(lines.length);
      }
      const after = await api.db.select().from(auditLog).where(eq(auditLog.action, "document.superbill_pdf"));
      expect(after.length - before).toBe(3);
      expect(after.every((r) => r.referralId === episode.referralId)).toBe(true);
    });

    it("covers only the chosen days", async () => {
      const text = await pdfText(
        (await superbillDownload(await ctxOf(p.patient), range(inDays(-30), inDays(-2)))).bytes,
      );
      expect(text).toContain("No visits in this period.");
      expect(text).toContain("Total charges: $0.00");
    });

    it("refuses outsiders (NOT_FOUND) and a bad range (BAD_REQUEST naming the field)", async () => {
      await expect(
        superbillDownload(await ctxOf(outsider), range(inDays(-1), today())),
      ).rejects.toMatchObject({
        kind: "not_found",
      });
      await expect(
        superbillDownload(await ctxOf(p.patient), range(today(), inDays(-1))),
      ).rejects.toMatchObject({
        kind: "invalid",
        rule: "to",
      });
      await expect(
        superbillDownload(await ctxOf(p.patient), { referralId: episode.referralId, from: "yesterday" }),
      ).rejects.toMatchObject({ name: "ZodError" });
    });
  });

  describe("uploads", () => {
    const PNG = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const HEIC = new Uint8Array([
      0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63, 0, 0, 0, 0, 0x6d, 0x69, 0x66, 0x31, 0x68,
      0x65, 0x69, 0x63,
    ]);
    const PDF = new TextEncoder().encode("%PDF-1.4\n%prior authorization\n1 0 obj\n<<>>\nendobj\n");
    const upload = async (
      who: { cookie: string },
      name: string,
      bytes: Uint8Array,
      referralId = episode.referralId,
    ) => fileUpload(await ctxOf(who), { referralId, file: { name, bytes } });

    it("stores PDF, PNG and HEIC from each party, typed by content, and serves them only to the parties", async () => {
      const card = await upload(p.patient, "insurance card.jpg", PNG); // named .jpg, really a PNG
      const auth = await upload(p.physician, "prior-auth", PDF);
      const photo = await upload(p.therapist, "IMG_0001.HEIC", HEIC);
      // Each upload is a change of the referral: it answers the referral's new version, one after the other.
      expect(card.referral.id).toBe(episode.referralId);
      expect([auth.referral.version, photo.referral.version]).toEqual([
        card.referral.version + 1,
        card.referral.version + 2,
      ]);
      const listed = await p.patient.caller.file.list({ referralId: episode.referralId });
      expect(listed.map((f) => [f.name, f.mediaType, f.sizeBytes, f.uploaderRole]).sort()).toEqual(
        [
          ["IMG_0001.heic", "image/heic", HEIC.byteLength, "therapist"],
          ["insurance card.png", "image/png", PNG.byteLength, "patient"],
          ["prior-auth.pdf", "application/pdf", PDF.byteLength, "physician"],
        ].sort(),
      );
      for (const who of [p.patient, p.physician, p.therapist]) {
        const out = await fileDownload(await ctxOf(who), card.fileId);
        expect(out.contentType).toBe("image/png");
        expect(out.filename).toBe("insurance card.png");
        expect([...out.bytes]).toEqual([...PNG]);
      }
      expect((await fileDownload(await ctxOf(p.patient), auth.fileId)).contentType).toBe("application/pdf");
      expect((await fileDownload(await ctxOf(p.patient), photo.fileId)).contentType).toBe("image/heic");
      expect(await auditsOf("file.upload", card.fileId)).toHaveLength(1);
      // Each upload is on the shared timeline with its safe display name and detected type.
      expect((await eventsOf(p.physician, "file_uploaded")).map((e) => [e.actorRole, e.data])).toEqual([
        ["patient", { fileId: card.fileId, name: "insurance card.png", mediaType: "image/png" }],
        ["physician", { fileId: auth.fileId, name: "prior-auth.pdf", mediaType: "application/pdf" }],
        ["therapist", { fileId: photo.fileId, name: "IMG_0001.heic", mediaType: "image/heic" }],
      ]);
      expect((await auditsOf("file.view", card.fileId)).map((r) => r.actorRole).sort()).toEqual([
        "patient",
        "physician",
        "therapist",
      ]);

      // An outsider can neither list, read nor attach.
      await expectRefused(outsider.caller.file.list({ referralId: episode.referralId }), "NOT_FOUND");
      await expect(fileDownload(await ctxOf(outsider), card.fileId)).rejects.toMatchObject({
        kind: "not_found",
      });
      await expect(upload(outsider, "x.png", PNG)).rejects.toMatchObject({ kind: "not_found" });
      await expect(fileDownload(await ctxOf(p.patient), "../etc/passwd")).rejects.toMatchObject({
        kind: "not_found",
      });
      expect(await auditsOf("file.view", card.fileId)).toHaveLength(3);
    });

    it("refuses a file whose content is not an accepted type, an empty or oversized one, naming the field", async () => {
      const before = (await p.patient.caller.file.list({ referralId: episode.referralId })).length;
      const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
      for (const [name, bytes, message] of [
        ["report.pdf", html, /PDF, JPEG, PNG or HEIC/],
        ["empty.png", new Uint8Array(0), /empty/],
        ["huge.pdf", new Uint8Array(10 * 1024 * 1024 + 1).fill(0x25), /larger than 10 MB/],
      ] as const) {
        const refusal = upload(p.patient, name, bytes);
        await expect(refusal).rejects.toMatchObject({ kind: "invalid", rule: "file" });
        await expect(refusal).rejects.toThrow(message);
      }
      await expect(
        fileUpload(await ctxOf(p.patient), { referralId: "nope", file: { name: "a.png", bytes: PNG } }),
      ).rejects.toMatchObject({ name: "ZodError" });
      expect((await p.patient.caller.file.list({ referralId: episode.referralId })).length).toBe(before);
    });
  });

  describe("FHIR R4 export", () => {
    const BASE = `${ORIGIN}/fhir/R4`;
    type Entry = { fullUrl: string; resource: { resourceType: string; id: string; [k: string]: unknown } };

    /** Every resource valid, every fullUrl unique, every reference resolving to an entry of the Bundle. */
    function expectSelfContainedValidBundle(bundle: { type: string; entry: Entry[] }) {
      expect(bundle.type).toBe("collection");
      expect(fhirIssues(bundle)).toEqual([]);
      const urls = new Set(bundle.entry.map((e) => e.fullUrl));
      expect(urls.size).toBe(bundle.entry.length);
      for (const { fullUrl, resource } of bundle.entry) {
        expect(fullUrl).toBe(`${BASE}/${resource.resourceType}/${resource.id}`);
        expect(fhirIssues(resource), `${resource.resourceType}/${resource.id}`).toEqual([]);
        for (const reference of referencesIn(resource)) {
          expect(
            urls.has(`${BASE}/${reference}`),
            `${resource.resourceType}/${resource.id} -> ${reference}`,
          ).toBe(true);
        }
      }
    }

    it("exports the episode as a valid, self-contained Bundle with the canonical codes", async () => {
      await p.patient.caller.message.post({ referralId: episode.referralId, body: "Feeling much better." });
      await p.patient.caller.coverage.upsert(coverageInput());
      const { cptCode: _single, ...visit } = sessionInput(episode.referralId, {
        occurredAt: justNow(10),
        minutes: 25,
      });
      const { sessionId: multiId } = await p.therapist.caller.session.log({
        ...visit,
        services: [
          { cptCode: "97140", minutes: 18 },
          { cptCode: "97124", minutes: 7 },
        ],
      });
      // The renewal: a second ServiceRequest that replaces the first (the visits stay on the one they were under).
      const { prescriptionId: renewalId } = await p.physician.caller.prescription.renew(
        prescriptionInput(episode.referralId, { validFrom: inDays(1) }),
      );
      const bundle = (await referralBundle(
        api.db,
        (
          await ctxOf(p.therapist)
        ).user,
        episode.referralId,
        BASE,
        new Date(),
      )) as unknown as {
        type: string;
        entry: Entry[];
      };
      expectSelfContainedValidBundle(bundle);
      const of = (type: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
      for (const type of [
        "Patient",
        "Practitioner",
        "PractitionerRole",
        "Coverage",
        "ServiceRequest",
        "Task",
        "CarePlan",
        "Goal",
        "Observation",
        "Encounter",
        "Procedure",
        "Communication",
        "Provenance",
        "DocumentReference",
      ]) {
        expect(of(type).length, type).toBeGreaterThan(0);
      }
      expect(of("Goal")).toHaveLength(4);
      const json = JSON.stringify(bundle);
      for (const needle of [
        '"system":"http://hl7.org/fhir/sid/us-npi","value":"1234567893"',
        '"system":"http://www.ama-assn.org/go/cpt","code":"97124"',
        '"system":"http://www.ama-assn.org/go/cpt","code":"97140"',
        '"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"M54.50"',
        '"system":"http://loinc.org","code":"72514-3"',
        '"system":"http://loinc.org","code":"93832-4"',
        '"periodUnit":"wk"',
      ]) {
        expect(json).toContain(needle);
      }
      const sr = of("ServiceRequest").find((r) => r.id === episode.prescriptionId)!;
      expect(sr).toMatchObject({ intent: "order", quantityQuantity: { value: 12 } });
      expect(of("ServiceRequest").find((r) => r.id === renewalId)).toMatchObject({
        replaces: [{ reference: `ServiceRequest/${episode.prescriptionId}` }],
      });
      // Every upload of the episode is a DocumentReference with its size and hash.
      const uploads = await p.patient.caller.file.list({ referralId: episode.referralId });
      expect(uploads.length).toBeGreaterThan(0);
      for (const f of uploads) {
        expect(of("DocumentReference").find((r) => r.id === `doc-${f.id}`)).toMatchObject({
          content: [{ attachment: { contentType: f.mediaType, size: f.sizeBytes } }],
        });
      }
      const therapist = of("Practitioner").find((r) => r.id === p.therapist.user.id)!;
      expect(therapist.qualification).toEqual([
        expect.objectContaining({
          issuer: { display: "CA massage therapy board" },
          period: expect.any(Object),
        }),
      ]);
      const sessions = await p.therapist.caller.session.list({ referralId: episode.referralId });
      expect(of("Encounter")).toHaveLength(sessions.length);
      // A Procedure per service of each visit; a visit logged before services were listed is one Procedure.
      const perVisit = sessions.map((x) => Math.max(1, x.services.length));
      expect(of("Procedure")).toHaveLength(perVisit.reduce((n, k) => n + k, 0));
      const multi = sessions.find((x) => x.id === multiId)!;
      expect(multi.services.map((x) => x.units)).toEqual([1, 1]);
      const procedures = of("Procedure").filter(
        (r) => (r.encounter as { reference: string }).reference === `Encounter/enc-${multi.id}`,
      );
      expect(
        procedures.map((r) => [r.id, (r.code as { coding: { code: string }[] }).coding[0]!.code]),
      ).toEqual(multi.services.map((x) => [`proc-${multi.id}-${x.cptCode}`, x.cptCode]));
      expect(procedures.map((r) => (r.note as { text: string }[])[0]!.text)).toEqual(
        multi.services.map((x) => expect.stringContaining(`${x.minutes} min, ${x.units} unit(s);`)),
      );
      const rows = await api.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "fhir.referral"), eq(auditLog.referralId, episode.referralId)));
      expect(rows.map((r) => r.actorRole)).toEqual(["therapist"]);
    });

    it("exports the patient's whole record, deduplicated, to the patient; NOT_FOUND to anyone not on it", async () => {
      const me = (await ctxOf(p.patient)).user;
      const bundle = (await patientEverything(
        api.db,
        me,
        p.patient.user.id,
        BASE,
        new Date(),
      )) as unknown as {
        type: string;
        entry: Entry[];
      };
      expectSelfContainedValidBundle(bundle);
      const tasks = bundle.entry.filter((e) => e.resource.resourceType === "Task");
      const referrals = await p.patient.caller.referral.list({});
      expect(tasks.length).toBe((referrals as { items: unknown[] }).items.length);
      expect(bundle.entry.filter((e) => e.resource.resourceType === "Patient")).toHaveLength(1);

      const stranger = (await ctxOf(outsider)).user;
      await expect(
        patientEverything(api.db, stranger, p.patient.user.id, BASE, new Date()),
      ).rejects.toMatchObject({ kind: "not_found" });
      await expect(
        referralBundle(api.db, stranger, episode.referralId, BASE, new Date()),
      ).rejects.toMatchObject({ kind: "not_found" });
      await expect(referralBundle(api.db, me, "nope", BASE, new Date())).rejects.toMatchObject({
        kind: "not_found",
      });
      expect(fhirIssues(capabilityStatement(BASE, new Date()))).toEqual([]);
    });
  });

  describe("whole-record zip", () => {
    it("holds the FHIR Bundle, every signed PDF and every file of the patient, audited per referral", async () => {
      const patientId = p.patient.user.id;
      const zip = await recordZip(await ctxOf(p.patient), patientId, ORIGIN);
      expect(zip.contentType).toBe("application/zip");
      expect(zip.filename).toMatch(/^medical-record-\d{4}-\d{2}-\d{2}\.zip$/);
      const entries = unzipSync(zip.bytes);
      const bundle = JSON.parse(new TextDecoder().decode(entries["record.fhir.json"]));
      expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
      expect(fhirIssues(bundle)).toEqual([]);

      const rxs = await api.db.select().from(prescription).where(eq(prescription.patientId, patientId));
      const letters = await api.db.select().from(letter).where(eq(letter.patientId, patientId));
      const files = await api.db
        .select({ id: uploadedFile.id, sha256: uploadedFile.sha256, referralId: uploadedFile.referralId })
        .from(uploadedFile)
        .innerJoin(referral, eq(referral.id, uploadedFile.referralId))
        .where(eq(referral.patientId, patientId));
      expect(letters.length).toBeGreaterThan(0);
      expect(files.length).toBeGreaterThan(0);
      const names = Object.keys(entries);
      const under = (folder: string) => names.filter((n) => n.startsWith(`${folder}/`));
      expect(under("prescriptions").sort()).toEqual(
        rxs.map((r) => `prescriptions/prescription-${r.id}.pdf`).sort(),
      );
      expect(under("letters").sort()).toEqual(
        letters.map((l) => `letters/letter-of-medical-necessity-${l.id}-v${l.version}.pdf`).sort(),
      );
      for (const name of [...under("prescriptions"), ...under("letters")]) {
        expect(await pdfText(entries[name]!), name).toContain("Pat Document");
      }
      expect(under("files")).toHaveLength(files.length);
      const hashes = under("files").map((n) => createHash("sha256").update(entries[n]!).digest("hex"));
      expect(hashes.sort()).toEqual(files.map((f) => f.sha256).sort());
      // The Bundle names each PDF and file of the zip by a DocumentReference.
      const docRefs = bundle.entry.filter(
        (e: { resource: { resourceType: string } }) => e.resource.resourceType === "DocumentReference",
      );
      expect(docRefs).toHaveLength(rxs.length + letters.length + files.length);

      const rows = await auditsOf("document.record_zip", patientId);
      const referrals = new Set([...rxs.map((r) => r.referralId), ...files.map((f) => f.referralId)]);
      expect(rows.map((r) => r.actorId)).toEqual(rows.map(() => patientId));
      for (const id of referrals) expect(rows.map((r) => r.referralId)).toContain(id);
    });

    it("answers NOT_FOUND to an outsider and a malformed id, and audits neither", async () => {
      const before = (await auditsOf("document.record_zip", p.patient.user.id)).length;
      for (const [who, id] of [
        [outsider, p.patient.user.id],
        [p.patient, "nope"],
        [p.patient, outsider.user.id],
      ] as const) {
        await expect(recordZip(await ctxOf(who), id, ORIGIN)).rejects.toMatchObject({ kind: "not_found" });
      }
      expect(await auditsOf("document.record_zip", p.patient.user.id)).toHaveLength(before);
    });
  });
});
