import { auditLog, referral, therapistInvitation } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { ELIGIBILITY_REASON_LABELS, type EligibilityReason } from "@mm/domain";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  coverageInput,
  expectRefused,
  inDays,
  type Member,
  PRECAUTIONS,
  prescriptionInput,
  referralInput,
  snapshot,
  therapistProfileInput,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

describe.each(testDbTargets())("referral flow on %s", (target) => {
  let api: TestApi;
  let patient: Member;
  /** Eligible: licensed in CA, verified, NPI, license valid for years. */
  let therapistA: Member;
  /** One reason each. */
  let uncredentialed: Member;
  let wrongState: Member;
  let expiringSoon: Member;
  let unverified: Member;
  let noNpi: Member;

  beforeAll(async () => {
    api = await createTestApi(target);
    patient = await api.member(SAMPLE.patient("Pat Flow"));
    therapistA = await api.member(therapistProfileInput("Alma Eligible"));
    uncredentialed = await api.member(
      therapistProfileInput("Cora Masseuse", {
        credentialKind: "none",
        credentialNumber: undefined,
        credentialExpiresOn: undefined,
      }),
    );
    wrongState = await api.member(therapistProfileInput("Dan NewYork", { credentialState: "NY" }));
    expiringSoon = await api.member(
      therapistProfileInput("Eve Expiring", { credentialExpiresOn: inDays(30) }),
    );
    unverified = await api.member(therapistProfileInput("Finn Pending"), { verified: false });
    noNpi = await api.member(therapistProfileInput("Gil NoNpi", { npi: undefined }));
  });
  afterAll(async () => api?.close());

  describe("the whole episode: request -> question -> prescription -> insurance -> therapist -> planning", () => {
    /** Fresh parties for each test: inboxes, counts and the patient's coverage are then the test's own. */
    async function cast() {
      return {
        physician: await api.member(SAMPLE.physician("Dr. Ada Test")),
        patient: await api.member(SAMPLE.patient("Pat Flow")),
        otherPatient: await api.member(SAMPLE.patient("Olive Other")),
        therapistA: await api.member(therapistProfileInput("Alma Eligible")),
        therapistB: await api.member(therapistProfileInput("Bo Eligible")),
      };
    }
    type Cast = Awaited<ReturnType<typeof cast>>;
    type Episode = Cast & { referralId: string; prescriptionId: string };

    /** The stages of the episode, in order: each replays the calls (writes and reads) of the test of that name. */
    const stages = {
      requested: async (e: Episode) => {
        const { referral: created } = await e.patient.caller.referral.create(
          referralInput(e.physician.user.id),
        );
        e.referralId = created.id;
        await e.patient.caller.referral.get({ id: e.referralId });
        await e.patient.caller.message.post({
          referralId: e.referralId,
          body: "Mostly evenings; sitting makes it worse.",
        });
      },
      inbox: async (e: Episode) => {
        for (let i = 0; i < 3; i++)
          await e.otherPatient.caller.referral.create(
            referralInput(e.physician.user.id, { painNow: i, description: `Neck pain, request ${i}` }),
          );
        await e.physician.caller.referral.list({ limit: 20 });
        await e.patient.caller.referral.list({ limit: 20 });
      },
      answered: async (e: Episode) => {
        const { referralId } = e;
        await e.physician.caller.referral.requestInfo({
          referralId,
          question: "Any numbness or tingling in your legs?",
          expectedVersion: (await e.physician.caller.referral.get({ id: referralId })).version,
        });
        await e.patient.caller.referral.get({ id: referralId });
        await e.patient.caller.referral.respond({
          referralId,
          answer: "No numbness, only stiffness in the morning.",
        });
      },
      prescribed: async (e: Episode) => {
        const { referralId } = e;
        const signed = await e.physician.caller.prescription.sign(
          prescriptionInput(referralId, { diagnosisCodes: ["M62.830", "M54.50", "G47.00"] }),
        );
        e.prescriptionId = signed.prescriptionId;
        await e.patient.caller.referral.get({ id: referralId });
        for (const who of [e.patient, e.physician])
          await who.caller.prescription.verify({ id: e.prescriptionId });
        await e.physician.caller.message.post({ referralId, body: "Prescription signed; start gently." });
      },
      covered: async (e: Episode) => {
        await e.patient.caller.coverage.upsert(coverageInput({ requiresNpi: true }));
        await e.physician.caller.referral.get({ id: e.referralId });
      },
      chosen: async (e: Episode) => {
        const { referralId } = e;
        await e.patient.caller.referral.chooseTherapist({ referralId, therapistId: e.therapistA.user.id });
        await e.therapistA.caller.referral.get({ id: referralId });
        await e.therapistA.caller.referral.list({});
        await e.therapistA.caller.message.post({ referralId, body: "Thanks, checking my calendar." });
      },
      turnedDown: async (e: Episode) => {
        await e.therapistA.caller.referral.turnDown({
          referralId: e.referralId,
          reason: "My schedule is full until next quarter.",
        });
        await e.patient.caller.referral.get({ id: e.referralId });
      },
      accepted: async (e: Episode) => {
        const { referralId } = e;
        await e.patient.caller.referral.chooseTherapist({ referralId, therapistId: e.therapistB.user.id });
        await e.therapistB.caller.referral.accept({ referralId });
        await e.patient.caller.referral.get({ id: referralId });
        await e.therapistB.caller.message.post({ referralId, body: "Looking forward to our first session." });
      },
      timeline: async (e: Episode) => {
        for (const who of [e.patient, e.physician, e.therapistB])
          await who.caller.timeline.list({ referralId: e.referralId });
      },
    };
    type Stage = keyof typeof stages;

    /** A fresh cast and its own referral, brought through every stage up to and including `last`. */
    async function episodeAfter(last: Stage): Promise<Episode> {
      const e: Episode = { ...(await cast()), referralId: "", prescriptionId: "" };
      for (const [name, run] of Object.entries(stages) as [Stage, (e: Episode) => Promise<void>][]) {
        await run(e);
        if (name === last) break;
      }
      return e;
    }

    it("patient (CA) requests a referral from a verified physician", async () => {
      const { patient, physician } = await cast();
      const { referral: created } = await patient.caller.referral.create(referralInput(physician.user.id));
      expect(created).toMatchObject({ status: "requested", version: 0 });
      const referralId = created.id;

      const r = await patient.caller.referral.get({ id: referralId });
      expect(r).toMatchObject({
        status: "requested",
        kind: "chronic",
        painNow: 6,
        eveningPain: 7,
        sleepHours: 5,
        medicationDosesPerDay: 3,
        medicalConditions: ["Herniated disc L4-L5", "Hypertension"],
        patient: { id: patient.user.id, state: "CA" },
        physician: { id: physician.user.id, npi: "1234567893" },
        therapist: null,
        currentPrescription: null,
      });
      expect(r.allowedActions).toEqual(["cancel", "postMessage"]);

      await patient.caller.message.post({ referralId, body: "Mostly evenings; sitting makes it worse." });
    });

    it("physician's inbox is newest first with counts per status and a gap-free cursor", async () => {
      const { referralId, patient, physician, otherPatient } = await episodeAfter("requested");
      const inboxIds = [referralId];
      // Three more requests to the same physician (from another patient), created one after another.
      for (let i = 0; i < 3; i++) {
        const { referral: r } = await otherPatient.caller.referral.create(
          referralInput(physician.user.id, { painNow: i, description: `Neck pain, request ${i}` }),
        );
        inboxIds.push(r.id);
      }
      const newestFirst = [...inboxIds].reverse();

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await physician.caller.referral.list({ limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        expect(page.counts).toEqual({ requested: 4 });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(2);
      expect(seen).toEqual(newestFirst);
      expect(new Set(seen).size).toBe(seen.length);

      const first = await physician.caller.referral.list({ limit: 20 });
      expect(first.items[0]).toMatchObject({
        id: newestFirst[0],
        status: "requested",
        patientName: "Olive Other",
        physicianName: "Dr. Ada Test",
        therapistName: null,
      });
      // Each patient sees only their own.
      expect((await patient.caller.referral.list({ limit: 20 })).items.map((i) => i.id)).toEqual([
        referralId,
      ]);
    });

    it("physician asks for information -> needs_info; the patient answers -> requested", async () => {
      const { referralId, patient, physician } = await episodeAfter("inbox");
      const { referral: asked } = await physician.caller.referral.requestInfo({
        referralId,
        question: "Any numbness or tingling in your legs?",
        // The version the physician's page shows: every change bumps it (stale-page check).
        expectedVersion: (await physician.caller.referral.get({ id: referralId })).version,
      });
      expect(asked).toMatchObject({ id: referralId, status: "needs_info" });
      const version = asked.version;

      const filtered = await physician.caller.referral.list({ status: "needs_info" });
      expect(filtered.items.map((i) => i.id)).toEqual([referralId]);
      expect(filtered.counts).toEqual({ requested: 3, needs_info: 1 });
      expect((await patient.caller.referral.get({ id: referralId })).allowedActions).toEqual([
        "respond",
        "cancel",
        "postMessage",
      ]);

      const { referral: answered } = await patient.caller.referral.respond({
        referralId,
        answer: "No numbness, only stiffness in the morning.",
      });
      expect(answered).toMatchObject({ status: "requested", version: version + 1 });
    });

    it("physician signs a prescription -> prescribed; prescription.verify says valid", async () => {
      const { referralId, patient, physician } = await episodeAfter("answered");
      const input = prescriptionInput(referralId, { diagnosisCodes: ["M62.830", "M54.50", "G47.00"] });
      const signed = await physician.caller.prescription.sign(input);
      expect(signed.referral).toMatchObject({ id: referralId, status: "prescribed" });
      const prescriptionId = signed.prescriptionId;

      const r = await patient.caller.referral.get({ id: referralId });
      expect(r.prescriptions).toHaveLength(1);
      expect(r.currentPrescription).toMatchObject({
        id: prescriptionId,
        diagnosisCodes: ["G47.00", "M54.50", "M62.830"],
        cptCodes: ["97124", "97140"],
        sessionsPerWeek: 1,
        weeks: 12,
        totalSessions: 12,
        precautions: PRECAUTIONS,
        validFrom: input.validFrom,
        expiresOn: input.expiresOn,
        attestation: true,
        signature: "Dr. Ada Test",
        physicianName: "Dr. Ada Test",
        physicianNpi: "1234567893",
        previousPrescriptionId: null,
      });
      expect(r.currentPrescription?.contentHash).toMatch(/^[0-9a-f]{64}$/);

      for (const who of [patient, physician]) {
        const v = await who.caller.prescription.verify({ id: prescriptionId });
        expect(v).toMatchObject({ id: prescriptionId, valid: true, physicianNpi: "1234567893" });
        expect(v.computedHash).toBe(v.storedHash);
        expect(v.storedHash).toBe(r.currentPrescription?.contentHash);
      }
      await physician.caller.message.post({ referralId, body: "Prescription signed; start gently." });
    });

    it("patient records coverage that requires an NPI", async () => {
      const { referralId, patient, physician } = await episodeAfter("prescribed");
      const saved = await patient.caller.coverage.upsert(coverageInput({ requiresNpi: true }));
      expect(saved).toMatchObject({ payerName: "Aetna", requiresNpi: true, requiresLicense: true });
      expect(await patient.caller.coverage.get()).toMatchObject({
        memberId: "W123456789",
        requiresNpi: true,
      });
      expect((await physician.caller.referral.get({ id: referralId })).coverage).toMatchObject({
        payerName: "Aetna",
        visitsPerYear: 20,
      });
    });

    it("directory.therapists({referralId}) shows who is eligible and why not", async () => {
      const { referralId, patient, therapistA, therapistB } = await episodeAfter("covered");
      const inCa = await patient.caller.directory.therapists({ referralId, state: "CA" });
      const byId = new Map(inCa.map((t) => [t.id, t]));
      for (const ok of [therapistA, therapistB]) {
        const t = byId.get(ok.user.id);
        expect(t).toMatchObject({ eligible: true, reasons: [], reasonCodes: [], credentialState: "CA" });
        expect(t?.npi).toMatch(/^\d{10}$/);
      }
      const expectOnly = (list: typeof inCa, m: Member, reason: EligibilityReason) => {
        const t = list.find((x) => x.id === m.user.id);
        expect(t, `${m.user.id} listed`).toBeDefined();
        expect(t).toMatchObject({
          eligible: false,
          reasonCodes: [reason],
          reasons: [ELIGIBILITY_REASON_LABELS[reason]],
        });
      };
      expectOnly(inCa, uncredentialed, "uncredentialed");
      expectOnly(inCa, expiringSoon, "license_expires_before_prescription_ends");
      expectOnly(inCa, unverified, "not_verified");
      expectOnly(inCa, noNpi, "npi_required");
      // The state filter is the therapist's credential state: a NY therapist is listed only without it.
      expect(byId.has(wrongState.user.id)).toBe(false);
      const all = await patient.caller.directory.therapists({ referralId });
      expectOnly(all, wrongState, "wrong_state");
      expect(all.find((t) => t.id === therapistA.user.id)?.eligible).toBe(true);
    });

    it("choosing an ineligible therapist is PRECONDITION_FAILED therapist.not_eligible and writes nothing", async () => {
      const { referralId, patient } = await episodeAfter("covered");
      const before = await snapshot(api, referralId);
      const cases: [Member, EligibilityReason][] = [
        [uncredentialed, "uncredentialed"],
        [wrongState, "wrong_state"],
        [expiringSoon, "license_expires_before_prescription_ends"],
        [unverified, "not_verified"],
        [noNpi, "npi_required"],
      ];
      for (const [t, reason] of cases) {
        const err = await expectRefused(
          patient.caller.referral.chooseTherapist({ referralId, therapistId: t.user.id }),
          "PRECONDITION_FAILED",
          "therapist.not_eligible",
        );
        expect(err.message).toContain(ELIGIBILITY_REASON_LABELS[reason]);
      }
      expect(await snapshot(api, referralId)).toEqual(before);
    });

    it("choosing an eligible therapist -> awaiting_therapist; the therapist sees prescription, precautions and conditions", async () => {
      const { referralId, prescriptionId, patient, therapistA } = await episodeAfter("covered");
      const seenVersion = (await patient.caller.referral.get({ id: referralId })).version;
      const { referral: chosen } = await patient.caller.referral.chooseTherapist({
        referralId,
        therapistId: therapistA.user.id,
        expectedVersion: seenVersion,
      });
      expect(chosen).toMatchObject({ status: "awaiting_therapist", version: seenVersion + 1 });

      const seen = await therapistA.caller.referral.get({ id: referralId });
      expect(seen.status).toBe("awaiting_therapist");
      expect(seen.currentPrescription).toMatchObject({
        id: prescriptionId,
        precautions: PRECAUTIONS,
        diagnosisCodes: ["G47.00", "M54.50", "M62.830"],
      });
      expect(seen.medicalConditions).toEqual(["Herniated disc L4-L5", "Hypertension"]);
      expect(seen.patient.medicalConditions).toEqual(["Low back pain"]);
      expect(seen.expectations.goals.map((g) => g.kind)).toEqual([
        "fewer_painkillers",
        "less_evening_pain",
        "sleep_through_night",
      ]);
      expect(seen.therapist).toMatchObject({ id: therapistA.user.id });
      expect(seen.allowedActions).toEqual(["accept", "turnDown", "postMessage"]);
      expect(seen.invitations).toEqual([
        expect.objectContaining({ therapistId: therapistA.user.id, status: "invited" }),
      ]);
      const inbox = await therapistA.caller.referral.list({});
      expect(inbox.items.map((i) => i.id)).toEqual([referralId]);

      await therapistA.caller.message.post({ referralId, body: "Thanks, checking my calendar." });
    });

    it("turnDown(reason) -> prescribed, and the turned-down therapist loses access (NOT_FOUND)", async () => {
      const { referralId, prescriptionId, patient, therapistA } = await episodeAfter("chosen");
      const { referral: down } = await therapistA.caller.referral.turnDown({
        referralId,
        reason: "My schedule is full until next quarter.",
      });
      expect(down).toMatchObject({ status: "prescribed" });

      await expectRefused(therapistA.caller.referral.get({ id: referralId }), "NOT_FOUND");
      await expectRefused(therapistA.caller.timeline.list({ referralId }), "NOT_FOUND");
      await expectRefused(therapistA.caller.message.post({ referralId, body: "hello?" }), "NOT_FOUND");
      await expectRefused(therapistA.caller.prescription.verify({ id: prescriptionId }), "NOT_FOUND");
      expect((await therapistA.caller.referral.list({})).items).toEqual([]);

      const r = await patient.caller.referral.get({ id: referralId });
      expect(r.therapist).toBeNull();
      expect(r.invitations).toEqual([
        expect.objectContaining({
          therapistId: therapistA.user.id,
          status: "turned_down",
          reason: "My schedule is full until next quarter.",
        }),
      ]);
    });

    it("patient chooses a second eligible therapist, who accepts -> planning", async () => {
      const { referralId, patient, therapistA, therapistB } = await episodeAfter("turnedDown");
      await patient.caller.referral.chooseTherapist({ referralId, therapistId: therapistB.user.id });
      const { referral: accepted } = await therapistB.caller.referral.accept({ referralId });
      expect(accepted).toMatchObject({ status: "planning" });

      const r = await patient.caller.referral.get({ id: referralId });
      expect(r.therapist).toMatchObject({ id: therapistB.user.id, credentialState: "CA" });
      expect(r.invitations.map((i) => [i.therapistId, i.status])).toEqual([
        [therapistA.user.id, "turned_down"],
        [therapistB.user.id, "accepted"],
      ]);
      const rows = await api.db
        .select({ status: therapistInvitation.status })
        .from(therapistInvitation)
        .where(eq(therapistInvitation.referralId, referralId));
      expect(rows).toHaveLength(2);
      await therapistB.caller.message.post({ referralId, body: "Looking forward to our first session." });
    });

    it("timeline.list shows every event in order with its actor role, the same for all three parties", async () => {
      const { referralId, prescriptionId, patient, physician, therapistB } = await episodeAfter("accepted");
      const expected: [string, string][] = [
        ["referral_requested", "patient"],
        ["message_posted", "patient"],
        ["info_requested", "physician"],
        ["info_provided", "patient"],
        ["prescription_signed", "physician"],
        ["message_posted", "physician"],
        ["coverage_recorded", "patient"],
        ["therapist_chosen", "patient"],
        ["message_posted", "therapist"],
        ["therapist_turned_down", "therapist"],
        ["therapist_chosen", "patient"],
        ["therapist_accepted", "therapist"],
        ["message_posted", "therapist"],
      ];
      const views = [];
      for (const who of [patient, physician, therapistB]) {
        const tl = await who.caller.timeline.list({ referralId });
        expect(tl.nextCursor).toBeNull();
        expect(tl.items.map((e) => [e.type, e.actorRole])).toEqual(expected);
        const seqs = tl.items.map((e) => e.seq);
        expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
        views.push(tl.items);
      }
      expect(views[1]).toEqual(views[0]);
      expect(views[2]).toEqual(views[0]);

      const items = views[0]!;
      expect(items.filter((e) => e.type === "message_posted").map((e) => [e.actorName, e.data.body])).toEqual(
        [
          ["Pat Flow", "Mostly evenings; sitting makes it worse."],
          ["Dr. Ada Test", "Prescription signed; start gently."],
          ["Alma Eligible", "Thanks, checking my calendar."],
          ["Bo Eligible", "Looking forward to our first session."],
        ],
      );
      expect(items.find((e) => e.type === "info_requested")?.data).toMatchObject({
        question: "Any numbness or tingling in your legs?",
        from: "requested",
        to: "needs_info",
      });
      expect(items.find((e) => e.type === "therapist_turned_down")?.data).toMatchObject({
        reason: "My schedule is full until next quarter.",
      });
      expect(items.find((e) => e.type === "prescription_signed")?.data).toMatchObject({ prescriptionId });

      // Paging the timeline by its cursor gives the same events.
      const paged = [];
      let cursor: string | undefined;
      do {
        const page = await physician.caller.timeline.list({ referralId, limit: 5, cursor });
        paged.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged.map((e) => e.id)).toEqual(items.map((e) => e.id));
    });

    it("audit_log has a row per read and write of the referral, with actor and action, and no health data", async () => {
      const { referralId, patient, physician, therapistA, therapistB } = await episodeAfter("timeline");
      const rows = await api.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.referralId, referralId))
        .orderBy(asc(auditLog.createdAt));
      const pairs = new Set(rows.map((r) => `${r.actorId} ${r.actorRole} ${r.action}`));
      const expectPair = (m: Member, role: string, action: string) =>
        expect(pairs, `${role} ${action}`).toContain(`${m.user.id} ${role} ${action}`);

      for (const a of [
        "referral.create",
        "referral.read",
        "referral.list",
        "referral.postMessage",
        "referral.respond",
        "prescription.verify",
        "coverage.upsert",
        "referral.chooseTherapist",
        "timeline.list",
      ])
        expectPair(patient, "patient", a);
      for (const a of [
        "referral.list",
        "referral.requestInfo",
        "referral.signPrescription",
        "referral.postMessage",
        "referral.read",
        "prescription.verify",
        "timeline.list",
      ])
        expectPair(physician, "physician", a);
      for (const a of ["referral.read", "referral.list", "referral.postMessage", "referral.turnDown"])
        expectPair(therapistA, "therapist", a);
      for (const a of ["referral.accept", "referral.postMessage", "timeline.list"])
        expectPair(therapistB, "therapist", a);

      // Exactly one audit row per state change.
      const writes = rows.filter((r) =>
        ["referral.requestInfo", "referral.respond", "referral.signPrescription", "referral.accept"].includes(
          r.action,
        ),
      );
      expect(writes).toHaveLength(4);
      const json = JSON.stringify(rows);
      expect(json).not.toContain("Herniated");
      expect(json).not.toContain("numbness");
    });

    it("every read of the referral's data writes an audit row, including the directory judged for it", async () => {
      const { referralId, prescriptionId, patient, physician, therapistB } = await episodeAfter("timeline");
      const reads: [string, () => Promise<unknown>][] = [
        ["referral.get", () => patient.caller.referral.get({ id: referralId })],
        ["timeline.list", () => physician.caller.timeline.list({ referralId })],
        ["prescription.verify", () => therapistB.caller.prescription.verify({ id: prescriptionId })],
        // Eligibility is judged from this referral's prescription, the patient's state and their insurance.
        ["directory.therapists", () => patient.caller.directory.therapists({ referralId })],
      ];
      const auditRows = async () =>
        (await api.db.select().from(auditLog).where(eq(auditLog.referralId, referralId))).length;
      for (const [name, read] of reads) {
        const before = await auditRows();
        await read();
        expect(await auditRows(), `${name} is audit-logged`).toBeGreaterThan(before);
      }
    });
  });

  describe("inbox cursor", () => {
    it("loses and repeats no referral when neighbours share a millisecond (ties broken by id)", async () => {
      const doc = await api.member(SAMPLE.physician("Dr. Same Millisecond"));
      const ids: string[] = [];
      for (let i = 0; i < 4; i++)
        ids.push((await patient.caller.referral.create(referralInput(doc.user.id))).referral.id);
      // Requests that arrive together: same millisecond, some differing only in microseconds.
      const stamps = [
        "2026-01-05 12:00:00.123400+00",
        "2026-01-05 12:00:00.123300+00",
        "2026-01-05 12:00:00.123+00",
        "2026-01-05 12:00:00.122+00",
      ];
      for (const [i, id] of ids.entries())
        await api.db.execute(
          sql`update referral set created_at = ${stamps[i]}::timestamptz where id = ${id}`,
        );

      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await doc.caller.referral.list({ limit: 1, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...ids].sort());
      // The same order as one unpaged query: newest first, then by id.
      const all = await doc.caller.referral.list({ limit: 100 });
      expect(seen).toEqual(all.items.map((i) => i.id));
      expect(seen.at(-1)).toBe(ids[3]);
    });
  });

  describe("decline and cancel", () => {
    let doc: Member;
    let pat: Member;
    beforeAll(async () => {
      doc = await api.member(SAMPLE.physician("Dr. Decline Cancel"));
      pat = await api.member(SAMPLE.patient("Dee Branches"));
    });

    it("decline is terminal and stores its reason", async () => {
      const {
        referral: { id },
      } = await pat.caller.referral.create(referralInput(doc.user.id));
      const reason = "Symptoms suggest a fracture: imaging first, then we can reconsider.";
      const { referral: declined } = await doc.caller.referral.decline({
        referralId: id,
        reason,
        expectedVersion: 0,
      });
      expect(declined).toMatchObject({ status: "declined", version: 1 });

      const r = await pat.caller.referral.get({ id });
      expect(r).toMatchObject({ status: "declined", closedReason: reason });
      expect(r.allowedActions).toEqual([]);
      const [row] = await api.db.select().from(referral).where(eq(referral.id, id));
      expect(row?.closedReason).toBe(reason);
      const tl = await pat.caller.timeline.list({ referralId: id });
      expect(tl.items.map((e) => [e.type, e.actorRole])).toEqual([
        ["referral_requested", "patient"],
        ["referral_declined", "physician"],
      ]);
      expect(tl.items[1]?.data).toMatchObject({ reason, from: "requested", to: "declined" });

      const before = await snapshot(api, id);
      await expectRefused(
        doc.caller.prescription.sign(prescriptionInput(id)),
        "PRECONDITION_FAILED",
        "referral.signPrescription_not_allowed_in_declined",
      );
      await expectRefused(
        pat.caller.referral.cancel({ referralId: id }),
        "PRECONDITION_FAILED",
        "referral.cancel_not_allowed_in_declined",
      );
      await expectRefused(
        pat.caller.message.post({ referralId: id, body: "Why?" }),
        "PRECONDITION_FAILED",
        "referral.postMessage_not_allowed_in_declined",
      );
      expect(await snapshot(api, id)).toEqual(before);
    });

    it("the patient cancels a request awaiting their answer; it is terminal with the reason stored", async () => {
      const {
        referral: { id },
      } = await pat.caller.referral.create(referralInput(doc.user.id));
      await doc.caller.referral.requestInfo({ referralId: id, question: "Recent imaging?" });
      const { referral: cancelled } = await pat.caller.referral.cancel({
        referralId: id,
        reason: "Feeling better already.",
      });
      expect(cancelled).toMatchObject({ status: "cancelled" });
      const r = await doc.caller.referral.get({ id });
      expect(r).toMatchObject({ status: "cancelled", closedReason: "Feeling better already." });
      expect(r.allowedActions).toEqual([]);
      const tl = await doc.caller.timeline.list({ referralId: id });
      expect(tl.items.map((e) => e.type)).toEqual([
        "referral_requested",
        "info_requested",
        "referral_cancelled",
      ]);
      await expectRefused(
        doc.caller.prescription.sign(prescriptionInput(id)),
        "PRECONDITION_FAILED",
        "referral.signPrescription_not_allowed_in_cancelled",
      );
    });

    it("cancelling while a therapist is invited withdraws the invitation and ends their access", async () => {
      const {
        referral: { id },
      } = await pat.caller.referral.create(referralInput(doc.user.id));
      await doc.caller.prescription.sign(prescriptionInput(id));
      await pat.caller.referral.chooseTherapist({ referralId: id, therapistId: therapistA.user.id });
      expect((await therapistA.caller.referral.get({ id })).status).toBe("awaiting_therapist");

      await pat.caller.referral.cancel({ referralId: id });
      const [inv] = await api.db
        .select()
        .from(therapistInvitation)
        .where(and(eq(therapistInvitation.referralId, id), gt(therapistInvitation.createdAt, new Date(0))));
      expect(inv?.status).toBe("withdrawn");
      await expectRefused(therapistA.caller.referral.get({ id }), "NOT_FOUND");
      await expectRefused(therapistA.caller.referral.accept({ referralId: id }), "NOT_FOUND");
    });
  });
});
