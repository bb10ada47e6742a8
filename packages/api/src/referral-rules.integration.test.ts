import { auditLog, prescription, therapistInvitation, timelineEvent } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { BODY_REGIONS } from "@mm/domain";
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EpisodeState, episodeIn } from "./testing/episode";
import {
  errorOf,
  expectRefused,
  inDays,
  type Member,
  npiFor,
  prescriptionInput,
  referralInput,
  ruleOf,
  snapshot,
  therapistProfileInput,
  today,
} from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

describe.each(testDbTargets())("referral rules on %s", (target) => {
  let api: TestApi;
  let physician: Member;
  let patient: Member;
  let therapist: Member;
  let otherTherapist: Member;

  beforeAll(async () => {
    api = await createTestApi(target);
    physician = await api.member(SAMPLE.physician("Dr. Rules"));
    patient = await api.member(SAMPLE.patient("Ruth Rules"));
    therapist = await api.member(therapistProfileInput("Tess Rules"));
    otherTherapist = await api.member(therapistProfileInput("Uma Rules"));
  });
  afterAll(async () => api?.close());

  /** A fresh referral moved to the wanted state through the real API. */
  const referralIn = async (state: Exclude<EpisodeState, "active">, doc: Member = physician) =>
    (await episodeIn({ patient, physician: doc, therapist }, state)).referralId;

  const prescriptionsOf = async (referralId: string) =>
    api.db.select().from(prescription).where(eq(prescription.referralId, referralId));

  describe("state-violating calls are PRECONDITION_FAILED naming the rule, and leave no trace", () => {
    type Case = {
      state: Parameters<typeof referralIn>[0];
      what: string;
      rule: string;
      call: (referralId: string) => Promise<unknown>;
    };
    const cases: Case[] = [
      {
        state: "requested",
        what: "choose a therapist before a prescription",
        rule: "referral.chooseTherapist_not_allowed_in_requested",
        call: (id) =>
          patient.caller.referral.chooseTherapist({ referralId: id, therapistId: therapist.user.id }),
      },
      {
        state: "needs_info",
        what: "choose a therapist while the physician waits for an answer",
        rule: "referral.chooseTherapist_not_allowed_in_needs_info",
        call: (id) =>
          patient.caller.referral.chooseTherapist({ referralId: id, therapistId: therapist.user.id }),
      },
      {
        state: "prescribed",
        what: "sign a second prescription",
        rule: "referral.signPrescription_not_allowed_in_prescribed",
        call: (id) => physician.caller.prescription.sign(prescriptionInput(id)),
      },
      {
        state: "needs_info",
        what: "sign before the patient answered",
        rule: "referral.signPrescription_not_allowed_in_needs_info",
        call: (id) => physician.caller.prescription.sign(prescriptionInput(id)),
      },
      {
        state: "requested",
        what: "answer a question nobody asked",
        rule: "referral.respond_not_allowed_in_requested",
        call: (id) => patient.caller.referral.respond({ referralId: id, answer: "Nothing to add." }),
      },
      {
        state: "prescribed",
        what: "ask for information after signing",
        rule: "referral.requestInfo_not_allowed_in_prescribed",
        call: (id) => physician.caller.referral.requestInfo({ referralId: id, question: "More?" }),
      },
      {
        state: "prescribed",
        what: "decline after signing",
        rule: "referral.decline_not_allowed_in_prescribed",
        call: (id) => physician.caller.referral.decline({ referralId: id, reason: "Changed my mind." }),
      },
      {
        state: "awaiting_therapist",
        what: "choose a second therapist while one is invited",
        rule: "referral.chooseTherapist_not_allowed_in_awaiting_therapist",
        call: (id) =>
          patient.caller.referral.chooseTherapist({ referralId: id, therapistId: otherTherapist.user.id }),
      },
      {
        state: "planning",
        what: "accept twice",
        rule: "referral.accept_not_allowed_in_planning",
        call: (id) => therapist.caller.referral.accept({ referralId: id }),
      },
      {
        state: "planning",
        what: "turn down after accepting",
        rule: "referral.turnDown_not_allowed_in_planning",
        call: (id) => therapist.caller.referral.turnDown({ referralId: id, reason: "Too far." }),
      },
      {
        state: "planning",
        what: "cancel once a therapist accepted (withdraw is the way out)",
        rule: "referral.cancel_not_allowed_in_planning",
        call: (id) => patient.caller.referral.cancel({ referralId: id }),
      },
      {
        state: "planning",
        what: "complete before treatment started",
        rule: "referral.complete_not_allowed_in_planning",
        call: (id) => physician.caller.referral.complete({ referralId: id }),
      },
      {
        state: "prescribed",
        what: "renew before treatment",
        rule: "referral.renew_not_allowed_in_prescribed",
        call: (id) => physician.caller.prescription.renew(prescriptionInput(id, { validFrom: inDays(1) })),
      },
      {
        state: "awaiting_therapist",
        what: "withdraw before treatment (cancel is the way out)",
        rule: "referral.withdraw_not_allowed_in_awaiting_therapist",
        call: (id) => patient.caller.referral.withdraw({ referralId: id, reason: "Moving." }),
      },
    ];

    // Refused calls change nothing (asserted below), so one referral per state serves every case in that state.
    const byState = new Map<Case["state"], Promise<string>>();
    const shared = (state: Case["state"]) => {
      if (!byState.has(state)) byState.set(state, referralIn(state));
      return byState.get(state)!;
    };

    it.each(cases)("$what ($state) -> $rule", async ({ state, rule, call }) => {
      const id = await shared(state);
      const before = await snapshot(api, id);
      const err = await expectRefused(call(id), "PRECONDITION_FAILED", rule);
      expect(err.message.length).toBeGreaterThan(10);
      expect(await snapshot(api, id)).toEqual(before);
    });
  });

  describe("prescriptions", () => {
    it("prints the physician's saved name, even right after a rename (the session's copy is older)", async () => {
      const renamed = await api.member(SAMPLE.physician("Dr. Before Rename"));
      const {
        referral: { id },
      } = await patient.caller.referral.create(referralInput(renamed.user.id));
      await renamed.caller.profile.update({ ...SAMPLE.physician("Dr. After Rename") });
      expect((await renamed.caller.me.get()).user.name).toBe("Dr. After Rename");
      await renamed.caller.prescription.sign(prescriptionInput(id));
      const [signed] = await prescriptionsOf(id);
      expect(signed?.physicianName).toBe("Dr. After Rename");
      expect((await renamed.caller.prescription.verify({ id: signed!.id })).valid).toBe(true);
    });

    it("signing twice leaves exactly one prescription", async () => {
      const id = await referralIn("requested");
      await physician.caller.prescription.sign(prescriptionInput(id));
      const before = await snapshot(api, id);
      await expectRefused(
        physician.caller.prescription.sign(prescriptionInput(id, { totalSessions: 6 })),
        "PRECONDITION_FAILED",
        "referral.signPrescription_not_allowed_in_prescribed",
      );
      expect(await prescriptionsOf(id)).toHaveLength(1);
      expect((await prescriptionsOf(id))[0]?.totalSessions).toBe(12);
      expect(await snapshot(api, id)).toEqual(before);
    });

    it("two concurrent sign calls (a double click) produce exactly one prescription", async () => {
      const id = await referralIn("requested");
      const results = await Promise.allSettled([
        physician.caller.prescription.sign(prescriptionInput(id)),
        physician.caller.prescription.sign(prescriptionInput(id)),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      const err = rejected[0]!.reason as TRPCError;
      expect(err).toBeInstanceOf(TRPCError);
      expect(err.code).toBe("PRECONDITION_FAILED");
      expect(ruleOf(err)).toBe("referral.signPrescription_not_allowed_in_prescribed");

      expect(await prescriptionsOf(id)).toHaveLength(1);
      const events = await api.db
        .select()
        .from(timelineEvent)
        .where(and(eq(timelineEvent.referralId, id), eq(timelineEvent.type, "prescription_signed")));
      expect(events).toHaveLength(1);
      const audits = await api.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.referralId, id), eq(auditLog.action, "referral.signPrescription")));
      expect(audits).toHaveLength(1);
      expect((await patient.caller.referral.get({ id })).version).toBe(1);
    });

    it("an unverified physician cannot sign (physician.not_verified), and nothing is written", async () => {
      const doc = await api.member(SAMPLE.physician("Dr. Changed Npi"));
      const id = await referralIn("requested", doc);
      // A credential change sends the account back to the operator: verification no longer holds.
      await doc.caller.profile.update({ ...SAMPLE.physician("Dr. Changed Npi"), npi: npiFor(4242) });
      expect((await doc.caller.me.get()).verified).toBe(false);

      const before = await snapshot(api, id);
      await expectRefused(
        doc.caller.prescription.sign(prescriptionInput(id)),
        "PRECONDITION_FAILED",
        "physician.not_verified",
      );
      expect(await snapshot(api, id)).toEqual(before);
      expect(await prescriptionsOf(id)).toHaveLength(0);
    });

    it("verify detects a prescription altered directly in the database", async () => {
      const id = await referralIn("prescribed");
      const [rx] = await prescriptionsOf(id);
      expect((await patient.caller.prescription.verify({ id: rx!.id })).valid).toBe(true);

      await api.db.execute(sql`update prescription set total_sessions = 40 where id = ${rx!.id}`);
      const tampered = await patient.caller.prescription.verify({ id: rx!.id });
      expect(tampered.valid).toBe(false);
      expect(tampered.computedHash).not.toBe(tampered.storedHash);
      expect(tampered.storedHash).toBe(rx!.contentHash);
      expect((await physician.caller.prescription.verify({ id: rx!.id })).valid).toBe(false);

      // Restoring the signed content makes it verify again: the hash is bound to the content.
      await api.db.execute(
        sql`update prescription set total_sessions = ${rx!.totalSessions} where id = ${rx!.id}`,
      );
      expect((await patient.caller.prescription.verify({ id: rx!.id })).valid).toBe(true);
      await api.db.execute(sql`update prescription set precautions = 'No precautions' where id = ${rx!.id}`);
      expect((await patient.caller.prescription.verify({ id: rx!.id })).valid).toBe(false);
    });
  });

  describe("therapist acceptance", () => {
    it("a therapist who was not invited cannot accept: NOT_FOUND (its existence is not revealed), no trace", async () => {
      for (const state of ["prescribed", "awaiting_therapist"] as const) {
        const id = await referralIn(state);
        const before = await snapshot(api, id);
        await expectRefused(otherTherapist.caller.referral.accept({ referralId: id }), "NOT_FOUND");
        await expectRefused(
          otherTherapist.caller.referral.turnDown({ referralId: id, reason: "x" }),
          "NOT_FOUND",
        );
        expect(await snapshot(api, id)).toEqual(before);
      }
    });

    it("a therapist who turned the invitation down cannot accept it afterwards", async () => {
      const id = await referralIn("awaiting_therapist");
      await therapist.caller.referral.turnDown({ referralId: id, reason: "Fully booked." });
      const before = await snapshot(api, id);
      await expectRefused(therapist.caller.referral.accept({ referralId: id }), "NOT_FOUND");
      expect(await snapshot(api, id)).toEqual(before);
    });

    it("an unverified therapist cannot accept (therapist.not_verified), and nothing is written", async () => {
      const t = await api.member(therapistProfileInput("Val Reverify"));
      const {
        referral: { id },
      } = await patient.caller.referral.create(referralInput(physician.user.id));
      await physician.caller.prescription.sign(prescriptionInput(id));
      await patient.caller.referral.chooseTherapist({ referralId: id, therapistId: t.user.id });
      // The therapist renews their license under a new number: back to pending verification.
      await t.caller.profile.update(
        therapistProfileInput("Val Reverify", { credentialNumber: "LMT-NEW-77" }),
      );
      expect((await t.caller.me.get()).verified).toBe(false);

      const before = await snapshot(api, id);
      await expectRefused(
        t.caller.referral.accept({ referralId: id }),
        "PRECONDITION_FAILED",
        "therapist.not_verified",
      );
      expect(await snapshot(api, id)).toEqual(before);
      const [inv] = await api.db
        .select()
        .from(therapistInvitation)
        .where(eq(therapistInvitation.referralId, id));
      expect(inv?.status).toBe("invited");
    });

    it("two concurrent choices (a double click) create exactly one invitation", async () => {
      const id = await referralIn("prescribed");
      const results = await Promise.allSettled([
        patient.caller.referral.chooseTherapist({ referralId: id, therapistId: therapist.user.id }),
        patient.caller.referral.chooseTherapist({ referralId: id, therapistId: otherTherapist.user.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const invitations = await api.db
        .select()
        .from(therapistInvitation)
        .where(eq(therapistInvitation.referralId, id));
      expect(invitations).toHaveLength(1);
    });
  });

  describe("stale pages", () => {
    it("a stale expectedVersion is CONFLICT referral.stale_version and changes nothing", async () => {
      const id = await referralIn("requested");
      const stale = (await physician.caller.referral.get({ id })).version; // the page the physician opened
      await physician.caller.referral.requestInfo({ referralId: id, question: "Did it start after a fall?" });
      await patient.caller.referral.respond({ referralId: id, answer: "Yes, last winter." });
      const before = await snapshot(api, id);
      const err = await expectRefused(
        physician.caller.prescription.sign(prescriptionInput(id, { expectedVersion: stale })),
        "CONFLICT",
        "referral.stale_version",
      );
      expect(err.message).toMatch(/changed by someone else/i);
      expect(await snapshot(api, id)).toEqual(before);
      // After a reload the same action goes through.
      const fresh = (await physician.caller.referral.get({ id })).version;
      expect(fresh).toBeGreaterThan(stale);
      const ok = await physician.caller.prescription.sign(prescriptionInput(id, { expectedVersion: fresh }));
      expect(ok.referral).toMatchObject({ status: "prescribed", version: fresh + 1 });
    });

    it("acting on a referral whose status changed under a stale page is a CONFLICT, not an overwrite", async () => {
      const id = await referralIn("requested");
      await patient.caller.referral.cancel({ referralId: id, expectedVersion: 0 });
      const before = await snapshot(api, id);
      await expectRefused(
        physician.caller.referral.requestInfo({
          referralId: id,
          question: "Still there?",
          expectedVersion: 0,
        }),
        "CONFLICT",
        "referral.stale_version",
      );
      expect(await snapshot(api, id)).toEqual(before);
      expect(before.referral?.status).toBe("cancelled");
    });
  });

  describe("bad input is BAD_REQUEST naming the field, and nothing is written", () => {
    let prescribableId: string;
    beforeAll(async () => {
      prescribableId = await referralIn("requested");
    });

    type BadCase = { what: string; field: RegExp; call: () => Promise<unknown> };
    const create = (patch: Record<string, unknown>) => () =>
      patient.caller.referral.create({ ...referralInput(physician.user.id), ...patch } as never);
    const sign = (patch: Record<string, unknown>) => () =>
      physician.caller.prescription.sign({ ...prescriptionInput(prescribableId), ...patch } as never);

    const cases: BadCase[] = [
      {
        what: "a 5000-character description",
        field: /^description: Description must be at most 4000 characters/,
        call: create({ description: "x".repeat(5000) }),
      },
      {
        what: "100 body regions",
        field: /^bodyRegions: /,
        call: create({
          bodyRegions: Array.from({ length: 100 }, (_, i) => BODY_REGIONS[i % BODY_REGIONS.length]),
        }),
      },
      {
        what: "painNow 11",
        field: /^painNow: Pain now must be between 0 and 10/,
        call: create({ painNow: 11 }),
      },
      { what: 'painNow "x"', field: /^painNow: Pain now must be a number/, call: create({ painNow: "x" }) },
      { what: "painNow 2.5", field: /^painNow: /, call: create({ painNow: 2.5 }) },
      { what: "an unknown body region", field: /^bodyRegions\.0: /, call: create({ bodyRegions: ["tail"] }) },
      {
        what: "no goals",
        field: /^expectations\.goals: /,
        call: create({ expectations: { goals: [], desiredFrequency: "weekly" } }),
      },
      {
        what: "a physician id that is not a UUID",
        field: /^physicianId: /,
        call: create({ physicianId: "dr-house" }),
      },
      { what: "an onset date in the future", field: /^onsetDate: /, call: create({ onsetDate: inDays(30) }) },
      {
        what: "an unknown ICD-10 code",
        field: /^diagnosisCodes\.0: Unknown ICD-10-CM code/,
        call: sign({ diagnosisCodes: ["Z99.999"] }),
      },
      { what: "an unknown CPT code", field: /^cptCodes\.0: /, call: sign({ cptCodes: ["99213"] }) },
      {
        what: "expiresOn before validFrom",
        field: /^expiresOn: Expires-on must be after valid-from/,
        call: sign({ validFrom: inDays(10), expiresOn: inDays(5) }),
      },
      { what: "validity over a year", field: /^expiresOn: /, call: sign({ expiresOn: inDays(400) }) },
      { what: "a malformed date", field: /^validFrom: /, call: sign({ validFrom: "2026-02-30" }) },
      { what: "attestation false", field: /^attestation: /, call: sign({ attestation: false }) },
      { what: "no signature", field: /^signature: /, call: sign({ signature: " " }) },
      {
        what: "more sessions than sessions/week x weeks",
        field: /^totalSessions: /,
        call: sign({ sessionsPerWeek: 1, weeks: 4, totalSessions: 10 }),
      },
      {
        what: "a 5000-character precautions text",
        field: /^precautions: /,
        call: sign({ precautions: "p".repeat(5000) }),
      },
      {
        what: "a non-UUID referral id (get)",
        field: /^id: /,
        call: () => patient.caller.referral.get({ id: "42" }),
      },
      {
        what: "a non-UUID prescription id (verify)",
        field: /^id: /,
        call: () => patient.caller.prescription.verify({ id: "../etc/passwd" }),
      },
      {
        what: "a non-UUID referral id (action)",
        field: /^referralId: /,
        call: () => physician.caller.referral.requestInfo({ referralId: "nope", question: "?" }),
      },
      {
        what: "a 5000-character message",
        field: /^body: /,
        call: () => patient.caller.message.post({ referralId: prescribableId, body: "m".repeat(5000) }),
      },
      {
        what: "an empty message",
        field: /^body: /,
        call: () => patient.caller.message.post({ referralId: prescribableId, body: "   " }),
      },
      {
        what: "a negative expectedVersion",
        field: /^expectedVersion: /,
        call: () => patient.caller.referral.cancel({ referralId: prescribableId, expectedVersion: -1 }),
      },
    ];

    it.each(cases)("$what", async ({ field, call }) => {
      const before = await snapshot(api, prescribableId);
      const err = await expectRefused(call, "BAD_REQUEST");
      expect(err.message).toMatch(field);
      expect(await snapshot(api, prescribableId)).toEqual(before);
    });

    it("a request addressed to someone who is not a verified physician is refused naming physicianId", async () => {
      const pending = await api.member(SAMPLE.physician("Dr. Pending"), { verified: false });
      for (const physicianId of [pending.user.id, therapist.user.id, patient.user.id]) {
        const before = await snapshot(api);
        const err = await expectRefused(
          patient.caller.referral.create(referralInput(physicianId)),
          "BAD_REQUEST",
          "physicianId",
        );
        expect(err.message.length).toBeGreaterThan(5);
        expect(await snapshot(api)).toEqual(before);
      }
    });

    it("choosing someone who is not a therapist is refused naming therapistId", async () => {
      const id = await referralIn("prescribed");
      const before = await snapshot(api, id);
      await expectRefused(
        patient.caller.referral.chooseTherapist({ referralId: id, therapistId: physician.user.id }),
        "BAD_REQUEST",
        "therapistId",
      );
      expect(await snapshot(api, id)).toEqual(before);
    });

    it("an expiry of today passes the schema but is refused naming expiresOn", async () => {
      const before = await snapshot(api, prescribableId);
      const err = await errorOf(
        physician.caller.prescription.sign(
          prescriptionInput(prescribableId, { validFrom: inDays(-10), expiresOn: today() }),
        ),
      );
      expect(err.code).toBe("BAD_REQUEST");
      expect(ruleOf(err)).toBe("expiresOn");
      expect(await snapshot(api, prescribableId)).toEqual(before);
    });
  });
});
