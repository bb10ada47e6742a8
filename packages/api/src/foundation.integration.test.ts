import { physicianProfile, user } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf } from "./testing/referral-fixtures";
import { createTestApi, SAMPLE, type TestApi } from "./testing/test-support";

describe.each(testDbTargets())("platform foundation on %s", (target) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(target);
  });
  afterAll(async () => api?.close());

  describe("sign-up", () => {
    it.each(["patient", "physician", "therapist"] as const)(
      "creates a %s with that role and its profile",
      async (role) => {
        const { caller } = await api.signUp(role);
        const me = await caller.me.get();
        expect(me.user.role).toBe(role);
        expect(me.profile.role).toBe(role);
      },
    );

    it("defaults to patient when no role is sent", async () => {
      const { caller } = await api.signUp(undefined);
      expect((await caller.me.get()).user.role).toBe("patient");
    });

    it("refuses a self-assigned admin role and creates no user", async () => {
      const email = `would-be-admin-${Date.now()}@test.example`;
      await expect(api.signUp("admin", { email })).rejects.toMatchObject({ status: 400 });
      const rows = await api.db.select().from(user).where(eq(user.email, email));
      expect(rows).toEqual([]);
    });

    it("answers a duplicate email exactly like a new one, and creates no second account", async () => {
      const { email } = await api.signUp("patient");
      const signUp = (address: string) =>
        api.auth.handler(
          new Request("http://localhost:3000/api/auth/sign-up/email", {
            method: "POST",
            headers: { "content-type": "application/json", origin: "http://localhost:3000" },
            body: JSON.stringify({ email: address, password: "another-password-9", name: "Someone" }),
          }),
        );
      const taken = await signUp(email);
      const fresh = await signUp(`fresh-${Date.now()}@test.example`);
      expect(taken.status).toBe(200);
      expect(fresh.status).toBe(200);
      const shape = (b: { token: unknown; user: Record<string, unknown> }) => ({
        token: b.token,
        keys: Object.keys(b.user).sort(),
      });
      expect(shape(await taken.json())).toEqual(shape(await fresh.json()));
      expect(taken.headers.getSetCookie()).toEqual([]);
      expect(fresh.headers.getSetCookie()).toEqual([]);
      const rows = await api.db.select({ id: user.id }).from(user).where(eq(user.email, email));
      expect(rows).toHaveLength(1);
    });

    it("starts clinicians unverified and patients with nothing pending", async () => {
      const physician = await (await api.signUp("physician")).caller.me.get();
      expect(physician.verified).toBe(false);
      expect(physician.pendingVerification).toBe(true);
      expect(physician.credentialFlags).toContain("not_verified");
      const therapist = await (await api.signUp("therapist")).caller.me.get();
      expect(therapist.pendingVerification).toBe(true);
      const patient = await (await api.signUp("patient")).caller.me.get();
      expect(patient.pendingVerification).toBe(false);
    });
  });

  describe("profile.update", () => {
    it("saves a patient profile and reads it back", async () => {
      const { caller } = await api.signUp("patient");
      await caller.profile.update({
        ...SAMPLE.patient("Ana Lopez"),
        phone: "(555) 123-4567",
        allergies: ["Latex"],
      });
      const me = await caller.me.get();
      expect(me.user.name).toBe("Ana Lopez");
      expect(me.profile).toMatchObject({
        state: "CA",
        dateOfBirth: "1980-02-03",
        allergies: ["Latex"],
        phone: "(555) 123-4567",
      });
      expect(me.profileComplete).toBe(true);
    });

    it("refuses an NPI with a wrong check digit, naming the field", async () => {
      const { caller } = await api.signUp("physician");
      const err = await errorOf(caller.profile.update({ ...SAMPLE.physician(), npi: "1234567890" } as never));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/^npi: .*check digit/);
      const me = await caller.me.get();
      expect(me.profile).toMatchObject({ npi: null });
    });

    it("names each missing field", async () => {
      const { caller } = await api.signUp("physician");
      const err = await errorOf(caller.profile.update({ role: "physician", name: "Dr. X" } as never));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/^(npi|practice|state):/);
    });

    it("requires number, state and expiry for a license", async () => {
      const { caller } = await api.signUp("therapist");
      const err = await errorOf(
        caller.profile.update({
          role: "therapist",
          name: "T",
          credentialKind: "license",
          specialties: [],
          payers: [],
        }),
      );
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/^credential(Number|State|ExpiresOn):/);
    });

    it("accepts an expired license but flags it", async () => {
      const { caller } = await api.signUp("therapist");
      await caller.profile.update(SAMPLE.therapist("Old License", { credentialExpiresOn: "2020-01-31" }));
      const me = await caller.me.get();
      expect(me.profile).toMatchObject({ credentialExpiresOn: "2020-01-31" });
      expect(me.credentialFlags).toContain("credential_expired");
    });

    it("refuses a profile of another role", async () => {
      const { caller } = await api.signUp("patient");
      const err = await errorOf(caller.profile.update(SAMPLE.physician()));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/patient account/);
    });

    it("sends a clinician back to pending when verified credentials change", async () => {
      const { caller, user: u } = await api.member(SAMPLE.physician("Dr. Changed"));
      expect((await caller.me.get()).verified).toBe(true);
      await caller.profile.update({ ...SAMPLE.physician("Dr. Changed"), practice: "New name only" });
      expect((await caller.me.get()).verified).toBe(true);
      await caller.profile.update({ ...SAMPLE.physician("Dr. Changed"), state: "NY" });
      expect((await caller.me.get()).verified).toBe(false);
      const [p] = await api.db.select().from(physicianProfile).where(eq(physicianProfile.userId, u.id));
      expect(p?.verifiedAt).toBeNull();
    });
  });

  describe("directory", () => {
    let patient: Awaited<ReturnType<TestApi["signUp"]>>;
    beforeAll(async () => {
      patient = await api.signUp("patient");
      await api.member(SAMPLE.physician("Dr. Directory Verified", "NY"));
      await api.member(SAMPLE.physician("Dr. Directory Unverified", "NY"), { verified: false });
      await api.member(
        SAMPLE.therapist("Dirk Sports", {
          specialties: ["sports"],
          payers: ["Cigna"],
          credentialState: "NY",
        }),
      );
      await api.member(
        SAMPLE.therapist("Dina Medical", {
          specialties: ["medical"],
          payers: ["aetna"],
          credentialState: "NY",
        }),
      );
      await api.member(
        SAMPLE.therapist("Uncredentialed Una", {
          credentialKind: "none",
          credentialNumber: undefined,
          credentialState: undefined,
          credentialExpiresOn: undefined,
          npi: undefined,
        }),
        { verified: false },
      );
    });

    it("lists only verified physicians, filtered by state and name", async () => {
      const ny = await patient.caller.directory.physicians({ state: "NY" });
      expect(ny.map((p) => p.name)).toContain("Dr. Directory Verified");
      expect(ny.map((p) => p.name)).not.toContain("Dr. Directory Unverified");
      const byName = await patient.caller.directory.physicians({ q: "directory ver" });
      expect(byName.map((p) => p.name)).toEqual(["Dr. Directory Verified"]);
      expect(await patient.caller.directory.physicians({ q: "%" })).toEqual([]);
    });

    it("filters therapists by state, specialty and payer (case-insensitive)", async () => {
      const nyNames = (await patient.caller.directory.therapists({ state: "NY" })).map((t) => t.name);
      expect(nyNames).toEqual(["Dina Medical", "Dirk Sports"]);
      const sports = await patient.caller.directory.therapists({ specialty: "sports" });
      expect(sports.map((t) => t.name)).toEqual(["Dirk Sports"]);
      const aetnaNy = await patient.caller.directory.therapists({ state: "NY", payer: "AETNA" });
      expect(aetnaNy.map((t) => t.name)).toEqual(["Dina Medical"]);
    });

    it("lists uncredentialed therapists too (they are never eligible for a referral)", async () => {
      const all = await patient.caller.directory.therapists({});
      const una = all.find((t) => t.name === "Uncredentialed Una");
      expect(una).toMatchObject({ credentialKind: "none", verified: false });
    });

    it("refuses an unknown state or specialty naming the field", async () => {
      const err = await errorOf(patient.caller.directory.therapists({ state: "XX" } as never));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/^state:/);
    });
  });

  describe("anonymous callers", () => {
    it("are refused by every procedure", async () => {
      const calls: [string, () => Promise<unknown>][] = [
        ["me.get", () => api.anonymous.me.get()],
        ["profile.update", () => api.anonymous.profile.update(SAMPLE.patient())],
        ["directory.physicians", () => api.anonymous.directory.physicians({})],
        ["directory.therapists", () => api.anonymous.directory.therapists({})],
      ];
      for (const [name, call] of calls) {
        const err = await errorOf(call());
        expect(err.code, name).toBe("UNAUTHORIZED");
      }
    });
  });
});
