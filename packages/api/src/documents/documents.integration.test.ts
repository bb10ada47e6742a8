import { auditLog } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { ICD10_LABELS } from "@mm/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, type SessionUser } from "../context";
import { PRECAUTIONS, therapistProfileInput } from "../referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "../test-support";
import { activeReferral, type Parties } from "../treatment-fixtures";
import { prescriptionDownload, prescriptionVerification } from "./downloads";
import { pdfText } from "./pdf-text";

const ORIGIN = "https://massage.example.org";

/**
 * Server-rendered documents for a full episode, read back with a PDF text extractor: every printed field, the
 * parties-only rule (an outsider gets NOT_FOUND, like a missing id) and the audit row of each download.
 */
describe.each(testDbTargets())("documents on %s", (target) => {
  let api: TestApi;
  const p = {} as Parties;
  let outsider: Awaited<ReturnType<TestApi["member"]>>;
  let episode: { referralId: string; prescriptionId: string };

  beforeAll(async () => {
    api = await createTestApi(target);
    p.physician = await api.member({ ...SAMPLE.physician("Dr. Ada Document"), phone: "+1 415 555 0100" });
    p.therapist = await api.member(therapistProfileInput("Tess Document"));
    p.patient = await api.member(SAMPLE.patient("Pat Document"));
    outsider = await api.member(SAMPLE.physician("Dr. Olive Outsider"));
    episode = await activeReferral(p);
  });
  afterAll(async () => api?.close());

  /** The request context the HTTP route builds from the member's cookie. */
  async function ctxOf(m: { cookie: string }) {
    const ctx = await createContext(api.deps, new Headers({ cookie: m.cookie }));
    return { ...ctx, user: ctx.user as SessionUser };
  }

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
        "Practice phone: +1 415 555 0100",
        "Practice state: CA",
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
});
