import { message, notification } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { createMailer } from "@mm/mail";
import { startSmtpTestServer } from "@mm/mail/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, type SessionUser } from "./context";
import { referralBundle } from "./documents/fhir-service";
import { deliverNotificationEmail } from "./notifications/delivery";
import {
  coverageInput,
  expectRefused,
  type Member,
  prescriptionInput,
  referralInput,
  subscribeTimeline,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

/**
 * The private thread (patient and physician only) and minimum necessary for a therapist: what each party reads on
 * the timeline, the live stream, notifications, emails and the FHIR export, before and after the therapist accepts.
 */
describe.each(testDbTargets())("private thread and minimum necessary on %s", (target) => {
  let api: TestApi;
  let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
  let patient: Member;
  let physician: Member;
  let therapist: Member;
  const outsiders: Member[] = [];
  let referralId: string;

  const bodiesOf = async (m: Member) =>
    (await m.caller.timeline.list({ referralId, limit: 200 })).items
      .filter((e) => e.type === "message_posted" || e.type === "private_message_posted")
      .map((e) => `${e.type}:${(e.data as { body?: string }).body}`);
  const typesOf = async (m: Member) =>
    (await m.caller.timeline.list({ referralId, limit: 200 })).items.map((e) => e.type);
  async function fhirAs(m: Member) {
    const ctx = await createContext(api.deps, new Headers({ cookie: m.cookie }));
    const bundle = (await referralBundle(
      api.db,
      ctx.user as SessionUser,
      referralId,
      "https://x.test",
      new Date(),
    )) as {
      entry: {
        resource: { resourceType: string; subscriberId?: string; payload?: { contentString: string }[] };
      }[];
    };
    const of = (type: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
    return {
      communications: of("Communication").map((c) => c.payload?.[0]?.contentString),
      subscriberId: of("Coverage")[0]?.subscriberId,
    };
  }

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    api = await createTestApi(target);
    patient = await api.member(SAMPLE.patient("Pia Private"));
    physician = await api.member(SAMPLE.physician("Dr. Private"));
    therapist = await api.member(therapistProfileInput("Theo Private"));
    outsiders.push(
      await api.member(SAMPLE.patient("Otto Outsider")),
      await api.member(SAMPLE.physician("Dr. Outsider")),
      await api.member(therapistProfileInput("Olga Outsider")),
    );
    await patient.caller.coverage.upsert(coverageInput());
    ({
      referral: { id: referralId },
    } = await patient.caller.referral.create(referralInput(physician.user.id)));
    // Before any therapist: the patient and physician talk, on the shared timeline and in private.
    await physician.caller.referral.requestInfo({ referralId, question: "Any imaging?" });
    await patient.caller.referral.respond({ referralId, answer: "An MRI last year." });
    await patient.caller.message.post({ referralId, body: "shared before the invitation" });
    await physician.caller.message.post({
      referralId,
      body: "private before",
      audience: "patient_physician",
    });
    await physician.caller.prescription.sign(prescriptionInput(referralId));
    await patient.caller.referral.chooseTherapist({ referralId, therapistId: therapist.user.id });
    await patient.caller.message.post({ referralId, body: "shared after the invitation" });
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it("leaving the audience out posts to everyone, as every client did before the private thread", async () => {
    const rows = await api.db.select().from(message).where(eq(message.referralId, referralId));
    expect(rows.map((r) => [r.body, r.audience])).toEqual([
      ["shared before the invitation", "everyone"],
      ["private before", "patient_physician"],
      ["shared after the invitation", "everyone"],
    ]);
  });

  it("the patient and the physician read both threads on the timeline", async () => {
    const expected = [
      "message_posted:shared before the invitation",
      "private_message_posted:private before",
      "message_posted:shared after the invitation",
    ];
    expect(await bodiesOf(patient)).toEqual(expected);
    expect(await bodiesOf(physician)).toEqual(expected);
  });

  describe("an invited therapist (not accepted yet)", () => {
    it("timeline: neither the private thread nor the conversation from before the invitation", async () => {
      expect(await bodiesOf(therapist)).toEqual(["message_posted:shared after the invitation"]);
      const types = await typesOf(therapist);
      expect(types).not.toContain("info_requested");
      expect(types).not.toContain("info_provided");
      expect(types).not.toContain("private_message_posted");
      // What deciding needs is there: the request, the prescription, the invitation.
      expect(types).toEqual(
        expect.arrayContaining(["referral_requested", "prescription_signed", "therapist_chosen"]),
      );
    });

    it("coverage: the member id masked to its last four, no call reference, no call notes", async () => {
      const r = await therapist.caller.referral.get({ id: referralId });
      expect(r.coverage?.memberId).toBe("••••••6789");
      expect(r.coverage?.callReference).toBeNull();
      expect(r.coverage?.notes).toBeNull();
      // What deciding needs stays.
      expect(r.coverage?.payerName).toBe("Aetna");
      expect(r.coverage?.massageCovered).toBe(true);
      expect(r.coverage?.visitsPerYear).toBe(20);
      // The patient and physician read it whole.
      for (const m of [patient, physician]) {
        const whole = await m.caller.referral.get({ id: referralId });
        expect(whole.coverage?.memberId).toBe("W123456789");
        expect(whole.coverage?.notes).toBe("Agent said a prescription with an ICD-10 code is required.");
        expect(whole.coverage?.callReference).toBe("REF-7781");
      }
    });

    it("FHIR export: only the shared messages from the invitation on, the member id masked", async () => {
      expect(await fhirAs(therapist)).toEqual({
        communications: ["shared after the invitation"],
        subscriberId: "••••••6789",
      });
      expect(await fhirAs(physician)).toEqual({
        communications: ["shared before the invitation", "private before", "shared after the invitation"],
        subscriberId: "W123456789",
      });
    });
  });

  describe("after the therapist accepts", () => {
    beforeAll(async () => {
      await therapist.caller.referral.accept({ referralId });
    });

    it("timeline and FHIR: the whole shared conversation, still never the private thread", async () => {
      expect(await bodiesOf(therapist)).toEqual([
        "message_posted:shared before the invitation",
        "message_posted:shared after the invitation",
      ]);
      expect(await typesOf(therapist)).toEqual(expect.arrayContaining(["info_requested", "info_provided"]));
      const fhir = await fhirAs(therapist);
      expect(fhir.communications).toEqual(["shared before the invitation", "shared after the invitation"]);
      expect(fhir.subscriberId).toBe("W123456789");
    });

    it("coverage whole: treatment and the superbill need the member id and what the insurer said", async () => {
      const r = await therapist.caller.referral.get({ id: referralId });
      expect(r.coverage?.memberId).toBe("W123456789");
      expect(r.coverage?.callReference).toBe("REF-7781");
      expect(r.coverage?.notes).toBe("Agent said a prescription with an ICD-10 code is required.");
    });

    it("live stream: the therapist's skips the private message, the patient's carries it", async () => {
      const theirs = await subscribeTimeline(api, therapist, { referralId });
      const patients = await subscribeTimeline(api, patient, { referralId });
      try {
        await physician.caller.message.post({
          referralId,
          body: "private live",
          audience: "patient_physician",
        });
        await physician.caller.message.post({ referralId, body: "shared live" });
        const [first] = await theirs.take(1);
        expect([first?.type, first?.data.body]).toEqual(["message_posted", "shared live"]);
        expect(await theirs.next(500)).toBe("timeout");
        const both = await patients.take(2);
        expect(both.map((e) => e.data.body)).toEqual(["private live", "shared live"]);
      } finally {
        await theirs.close();
        await patients.close();
      }
    });

    it("notifications and emails: a private message tells the other party only, never the therapist", async () => {
      const messageNotes = (userId: string) =>
        api.db
          .select({ id: notification.id })
          .from(notification)
          .where(
            and(
              eq(notification.userId, userId),
              eq(notification.referralId, referralId),
              eq(notification.kind, "message"),
            ),
          );
      const before = {
        patient: (await messageNotes(patient.user.id)).length,
        therapist: (await messageNotes(therapist.user.id)).length,
      };
      await physician.caller.message.post({
        referralId,
        body: "private mail",
        audience: "patient_physician",
      });
      const patientNotes = await messageNotes(patient.user.id);
      expect(patientNotes).toHaveLength(before.patient + 1);
      expect(await messageNotes(therapist.user.id)).toHaveLength(before.therapist);

      const deps = {
        db: api.db,
        mailer: createMailer({ smtpUrl: smtp.url, from: "no-reply@massage.test", mailDir: "" }),
        baseUrl: "https://massage.test",
        secret: "test-secret-test-secret-test-secret-42",
      };
      const newest = patientNotes.at(-1)?.id ?? "";
      expect(await deliverNotificationEmail(deps, newest)).toBe("sent");
      const mail = await smtp.waitFor(patient.email);
      expect(`${mail.subject}\n${mail.text}`).not.toContain("private mail");
      expect(smtp.received.some((m) => m.envelopeTo.includes(therapist.email))).toBe(false);
    });
  });

  it("a therapist cannot write in the private thread, naming the field", async () => {
    const err = await expectRefused(
      therapist.caller.message.post({ referralId, body: "let me in", audience: "patient_physician" }),
      "BAD_REQUEST",
      "audience",
    );
    expect(err.message).toBe("Only the patient and the physician can write in their private thread");
    expect(await bodiesOf(physician)).not.toContain("private_message_posted:let me in");
  });

  it("someone not on the referral: NOT_FOUND whatever the audience, and reads nothing", async () => {
    for (const outsider of outsiders) {
      for (const audience of ["everyone", "patient_physician"] as const)
        await expectRefused(
          outsider.caller.message.post({ referralId, body: "hello", audience }),
          "NOT_FOUND",
        );
      await expectRefused(outsider.caller.timeline.list({ referralId }), "NOT_FOUND");
    }
    const rows = await api.db.select().from(message).where(eq(message.body, "hello"));
    expect(rows).toEqual([]);
  });
});
