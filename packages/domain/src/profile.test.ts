import { describe, expect, it } from "vitest";
import {
  makePatientProfileSchema,
  patientProfileSchema,
  profileComplete,
  profileUpdateClockRule,
} from "./profile";

const patient = {
  role: "patient" as const,
  name: "Pat",
  dateOfBirth: "1980-05-01",
  state: "NY" as const,
  medicalConditions: [],
  medications: [],
  allergies: [],
};
const now = new Date("2026-05-10T12:00:00Z");

describe("patient profile", () => {
  it("a date of birth after today is refused with the clock given, not the wall clock", () => {
    const schema = makePatientProfileSchema({ now });
    expect(schema.safeParse({ ...patient, dateOfBirth: "2026-05-12" }).error?.issues[0]).toMatchObject({
      path: ["dateOfBirth"],
      message: "Date of birth cannot be in the future",
    });
    expect(schema.safeParse({ ...patient, dateOfBirth: "2026-05-10" }).success).toBe(true);
    expect(patientProfileSchema.safeParse({ ...patient, dateOfBirth: "2099-01-01" }).success).toBe(true);
    expect(profileUpdateClockRule({ ...patient, dateOfBirth: "2026-05-12" }, { now })).toHaveLength(1);
    expect(
      profileUpdateClockRule(
        { role: "physician", name: "D", npi: "1", practice: "p", state: "NY" as const },
        { now },
      ),
    ).toEqual([]);
  });
  it("takes an IANA time zone, refusing anything else", () => {
    expect(patientProfileSchema.safeParse({ ...patient, timeZone: "America/New_York" }).success).toBe(true);
    expect(
      patientProfileSchema.safeParse({ ...patient, timeZone: "EST5EDT!" }).error?.issues[0]?.path,
    ).toEqual(["timeZone"]);
  });
});

describe("profileComplete", () => {
  it("patients need state and date of birth", () => {
    expect(profileComplete({ role: "patient", state: "NY", dateOfBirth: "1980-01-01" })).toBe(true);
    expect(profileComplete({ role: "patient", state: null, dateOfBirth: "1980-01-01" })).toBe(false);
    expect(profileComplete({ role: "patient", state: "NY", dateOfBirth: null })).toBe(false);
  });
  it("physicians need NPI and practice, therapists a credential kind, admins nothing", () => {
    expect(profileComplete({ role: "physician", npi: "1234567893", practice: "Clinic" })).toBe(true);
    expect(profileComplete({ role: "physician", npi: null, practice: "Clinic" })).toBe(false);
    expect(profileComplete({ role: "physician", npi: "1234567893", practice: null })).toBe(false);
    expect(profileComplete({ role: "therapist", credentialKind: "none" })).toBe(true);
    expect(profileComplete({ role: "therapist", credentialKind: null })).toBe(false);
    expect(profileComplete({ role: "admin" })).toBe(true);
  });
});
