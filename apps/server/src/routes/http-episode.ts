/**
 * Test support: parties and a prescribed referral built over real HTTP (better-auth sign-up, tRPC over fetch),
 * for the document routes' HTTP-level tests. Not a test file itself.
 */
import { randomUUID } from "node:crypto";
import { physicianProfile, therapistProfile, user } from "@mm/db";
import { addDays, todayIso } from "@mm/domain";
import { eq } from "drizzle-orm";
import type { startTestServer } from "../test-server";

type Server = Awaited<ReturnType<typeof startTestServer>>;
export type HttpMember = { id: string; cookie: string };
/** What a test may set of the prescription `prescribed` signs. */
type PrescriptionTerms = Partial<
  Record<"sessionsPerWeek" | "weeks" | "totalSessions", number> & Record<"validFrom" | "expiresOn", string>
>;

export function httpClient(s: Server) {
  const post = (path: string, body: unknown) =>
    fetch(`${s.origin}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.origin },
      body: JSON.stringify(body),
    });

  /** Sign-up answers alike for new and known emails and signs nobody in: sign in after, as the portals do. */
  async function signUp(role: "patient" | "physician" | "therapist", name: string): Promise<HttpMember> {
    const email = `doc-${randomUUID()}@test.example`;
    const password = "correct-horse-battery";
    const res = await post("/sign-up/email", { email, password, name, role });
    if (res.status !== 200) throw new Error(`sign-up failed: ${res.status}`);
    const json = (await res.json()) as { user: { id: string } };
    const signedIn = await post("/sign-in/email", { email, password });
    if (signedIn.status !== 200) throw new Error(`sign-in failed: ${signedIn.status}`);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    // Physicians sign only with two-factor sign-in on (prescription.two_factor_required, read from the account):
    // set as an enrolled account has it, after this sign-in (which it would otherwise turn into a TOTP step).
    if (role === "physician")
      await s.db.update(user).set({ twoFactorEnabled: true }).where(eq(user.id, json.user.id));
    return { id: json.user.id, cookie };
  }

  /** A tRPC mutation over HTTP (no transformer: plain JSON in, `result.data` out). */
  async function mutate<T = unknown>(m: HttpMember, path: string, input: unknown): Promise<T> {
    const res = await fetch(`${s.origin}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: s.origin, cookie: m.cookie },
      body: JSON.stringify(input),
    });
    const json = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!res.ok || !json.result)
      throw new Error(`${path} failed: ${res.status} ${JSON.stringify(json.error)}`);
    return json.result.data;
  }

  const get = (m: HttpMember | null, path: string) =>
    fetch(`${s.origin}${path}`, { headers: m ? { cookie: m.cookie } : {} });

  /** Physician, therapist, patient and an outsider (a verified physician on no referral of theirs). */
  /** A verified physician and therapist and a patient; `zones` as if each had signed up from a browser there. */
  async function parties(zones: { physician?: string; therapist?: string } = {}) {
    const physician = await signUp("physician", "Dr. Hetty Http");
    await mutate(physician, "profile.update", {
      role: "physician",
      name: "Dr. Hetty Http",
      npi: "1234567893",
      practice: "Http Clinic",
      state: "CA",
      ...(zones.physician ? { timeZone: zones.physician } : {}),
    });
    const therapist = await signUp("therapist", "Theo Http");
    await mutate(therapist, "profile.update", {
      role: "therapist",
      name: "Theo Http",
      credentialKind: "license",
      credentialNumber: "LMT-77",
      credentialState: "CA",
      credentialExpiresOn: addDays(todayIso(new Date()), 900),
      npi: "1245319599",
      specialties: ["medical"],
      payers: ["Aetna"],
      ...(zones.therapist ? { timeZone: zones.therapist } : {}),
    });
    const patient = await signUp("patient", "Pia Http");
    await mutate(patient, "profile.update", {
      role: "patient",
      name: "Pia Http",
      dateOfBirth: "1980-02-03",
      state: "CA",
      medicalConditions: [],
      medications: [],
      allergies: [],
    });
    const outsider = await signUp("physician", "Dr. Otto Outside");
    for (const id of [physician.id, therapist.id, outsider.id]) {
      await s.db
        .update(physicianProfile)
        .set({ verifiedAt: new Date() })
        .where(eq(physicianProfile.userId, id));
      await s.db
        .update(therapistProfile)
        .set({ verifiedAt: new Date() })
        .where(eq(therapistProfile.userId, id));
    }
    return { physician, therapist, patient, outsider };
  }

  /** A referral from the patient to the physician, prescribed: 8 weekly sessions from today, unless `rx` says. */
  async function prescribed(p: Awaited<ReturnType<typeof parties>>, rx: PrescriptionTerms = {}) {
    const {
      referral: { id: referralId },
    } = await mutate<{ referral: { id: string } }>(p.patient, "referral.create", {
      physicianId: p.physician.id,
      kind: "chronic",
      bodyRegions: ["lower_back"],
      symptoms: ["pain"],
      description: "Low back pain for two years, worse after desk work.",
      painNow: 6,
      eveningPain: 7,
      sleepHours: 5,
      medicationDosesPerDay: 3,
      medicalConditions: [],
      medications: [],
      expectations: { goals: [{ kind: "less_evening_pain" }], desiredFrequency: "weekly" },
    });
    const today = todayIso(new Date());
    const { prescriptionId } = await mutate<{ prescriptionId: string }>(p.physician, "prescription.sign", {
      referralId,
      diagnosisCodes: ["M54.50"],
      sessionsPerWeek: 1,
      weeks: 8,
      totalSessions: 8,
      cptCodes: ["97124"],
      bodyRegions: ["lower_back"],
      precautions: "",
      validFrom: today,
      expiresOn: addDays(today, 60),
      attestation: true,
      signature: "Dr. Hetty Http",
      ...rx,
    });
    return { referralId, prescriptionId };
  }

  return { signUp, mutate, get, parties, prescribed };
}
