import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  canonicalPrescription,
  hashPrescription,
  type PrescriptionContent,
  prescriptionDateIssues,
  prescriptionRenewSchema,
  prescriptionSignSchema,
  verifyPrescriptionHash,
} from "./prescription";

const ID = "6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b";

function issues(schema: z.ZodType, input: unknown): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

const sign = {
  referralId: ID,
  diagnosisCodes: ["M54.50", "M62.830"],
  sessionsPerWeek: 2,
  weeks: 6,
  totalSessions: 12,
  cptCodes: ["97124"],
  bodyRegions: ["lower_back"],
  precautions: "",
  validFrom: "2026-02-01",
  expiresOn: "2026-04-30",
  attestation: true,
  signature: "Dana Reyes",
};

describe("prescriptionSignSchema", () => {
  it("accepts a valid prescription; renew has the same shape", () => {
    expect(prescriptionSignSchema.parse(sign)).toEqual(sign);
    expect(prescriptionRenewSchema.parse({ ...sign, expectedVersion: 7 }).expectedVersion).toBe(7);
    const { precautions: _p, ...noPrecautions } = sign;
    expect(prescriptionSignSchema.parse(noPrecautions).precautions).toBe("");
  });
  it("requires 1..8 distinct known diagnosis codes", () => {
    expect(issues(prescriptionSignSchema, { ...sign, diagnosisCodes: [] })).toEqual({
      diagnosisCodes: "Choose at least one diagnosis code",
    });
    expect(issues(prescriptionSignSchema, { ...sign, diagnosisCodes: ["M54.50", "M54.50"] })).toEqual({
      diagnosisCodes: "Each diagnosis code may be listed only once",
    });
    expect(issues(prescriptionSignSchema, { ...sign, diagnosisCodes: ["Z99.99"] })).toEqual({
      "diagnosisCodes.0": "Unknown ICD-10-CM code",
    });
    const nine = ["M54.50", "M54.51", "M54.59", "M54.2", "M54.6", "M25.511", "M25.512", "M25.519", "M62.830"];
    expect(Object.keys(issues(prescriptionSignSchema, { ...sign, diagnosisCodes: nine }))).toEqual([
      "diagnosisCodes",
    ]);
    expect(prescriptionSignSchema.safeParse({ ...sign, diagnosisCodes: nine.slice(0, 8) }).success).toBe(
      true,
    );
  });
  it("bounds sessions per week, weeks and total sessions", () => {
    expect(Object.keys(issues(prescriptionSignSchema, { ...sign, sessionsPerWeek: 0 }))).toEqual([
      "sessionsPerWeek",
    ]);
    expect(Object.keys(issues(prescriptionSignSchema, { ...sign, sessionsPerWeek: 8 }))).toEqual([
      "sessionsPerWeek",
    ]);
    expect(Object.keys(issues(prescriptionSignSchema, { ...sign, weeks: 53 }))).toEqual(["weeks"]);
    expect(issues(prescriptionSignSchema, { ...sign, totalSessions: 0 })).toEqual({
      totalSessions: "Total sessions must be between 1 and 104",
    });
    expect(
      prescriptionSignSchema.safeParse({ ...sign, sessionsPerWeek: 2, weeks: 52, totalSessions: 104 })
        .success,
    ).toBe(true);
    expect(
      Object.keys(
        issues(prescriptionSignSchema, { ...sign, sessionsPerWeek: 3, weeks: 52, totalSessions: 105 }),
      ),
    ).toEqual(["totalSessions"]);
  });
  it("refuses more sessions than sessions per week x weeks, naming totalSessions", () => {
    expect(issues(prescriptionSignSchema, { ...sign, totalSessions: 13 })).toEqual({
      totalSessions: "Total sessions cannot be more than sessions per week x weeks (12)",
    });
    expect(prescriptionSignSchema.safeParse({ ...sign, totalSessions: 8 }).success).toBe(true);
  });
  it("requires 1..2 distinct CPT codes and 1..8 body regions", () => {
    expect(prescriptionSignSchema.safeParse({ ...sign, cptCodes: ["97124", "97140"] }).success).toBe(true);
    expect(issues(prescriptionSignSchema, { ...sign, cptCodes: [] })).toEqual({
      cptCodes: "Choose at least one procedure code",
    });
    expect(issues(prescriptionSignSchema, { ...sign, cptCodes: ["97124", "97124"] })).toEqual({
      cptCodes: "Each procedure code may be listed only once",
    });
    expect(issues(prescriptionSignSchema, { ...sign, bodyRegions: [] })).toEqual({
      bodyRegions: "Choose at least one body region",
    });
  });
  it("checks the validity window, naming expiresOn", () => {
    expect(issues(prescriptionSignSchema, { ...sign, expiresOn: "2026-02-01" })).toEqual({
      expiresOn: "Expires-on must be after valid-from",
    });
    expect(issues(prescriptionSignSchema, { ...sign, expiresOn: "2026-01-15" })).toEqual({
      expiresOn: "Expires-on must be after valid-from",
    });
    expect(prescriptionSignSchema.safeParse({ ...sign, expiresOn: "2026-02-02" }).success).toBe(true);
    expect(prescriptionSignSchema.safeParse({ ...sign, expiresOn: "2027-02-01" }).success).toBe(true);
    expect(issues(prescriptionSignSchema, { ...sign, expiresOn: "2027-02-02" })).toEqual({
      expiresOn: "Expires-on can be at most one year after valid-from",
    });
    expect(issues(prescriptionSignSchema, { ...sign, validFrom: "2026-13-01" })).toEqual({
      validFrom: "Use a date like 2026-01-31",
    });
  });
  it("requires the attestation and a typed signature", () => {
    for (const attestation of [false, undefined, "yes"]) {
      expect(issues(prescriptionSignSchema, { ...sign, attestation })).toEqual({
        attestation: "You must attest that massage therapy is medically necessary",
      });
    }
    expect(issues(prescriptionSignSchema, { ...sign, signature: " D " })).toEqual({
      signature: "Type your full name to sign",
    });
    expect(issues(prescriptionSignSchema, { ...sign, signature: "x".repeat(121) })).toEqual({
      signature: "Signature must be at most 120 characters",
    });
    expect(issues(prescriptionSignSchema, { ...sign, precautions: "x".repeat(4001) })).toEqual({
      precautions: "Precautions must be at most 4000 characters",
    });
  });
});

const content: PrescriptionContent = {
  referralId: ID,
  patientId: "0b5d6a3c-8e4f-4a1b-8c2d-3e4f5a6b7c8d",
  physicianId: "2c9e4b1a-7d3f-4e2a-9b1c-5d6e7f8a9b0c",
  physicianName: "Dana Reyes, MD",
  physicianNpi: "1234567893",
  diagnosisCodes: ["M54.50", "M54.2"],
  sessionsPerWeek: 2,
  weeks: 6,
  totalSessions: 12,
  cptCodes: ["97140", "97124"],
  bodyRegions: ["neck", "lower_back"],
  precautions: "Avoid deep pressure over the lumbar spine.",
  validFrom: "2026-02-01",
  expiresOn: "2026-04-30",
  attestation: true,
  signature: "Dana Reyes",
  signedAt: "2026-02-01T15:30:00.000Z",
  previousPrescriptionId: null,
};

describe("canonicalPrescription", () => {
  it("sorts keys and code lists", () => {
    expect(canonicalPrescription(content)).toBe(
      '{"attestation":true,"bodyRegions":["lower_back","neck"],"cptCodes":["97124","97140"],' +
        '"diagnosisCodes":["M54.2","M54.50"],"expiresOn":"2026-04-30",' +
        '"patientId":"0b5d6a3c-8e4f-4a1b-8c2d-3e4f5a6b7c8d","physicianId":"2c9e4b1a-7d3f-4e2a-9b1c-5d6e7f8a9b0c",' +
        '"physicianName":"Dana Reyes, MD","physicianNpi":"1234567893",' +
        '"precautions":"Avoid deep pressure over the lumbar spine.","previousPrescriptionId":null,' +
        '"referralId":"6f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b","sessionsPerWeek":2,"signature":"Dana Reyes",' +
        '"signedAt":"2026-02-01T15:30:00.000Z","totalSessions":12,"validFrom":"2026-02-01","weeks":6}',
    );
  });
  it("ignores properties that are not part of the signed content", () => {
    const row = { ...content, id: "x", contentHash: "y", createdAt: new Date() } as PrescriptionContent;
    expect(canonicalPrescription(row)).toBe(canonicalPrescription(content));
  });
});

describe("hashPrescription", () => {
  it("matches a known vector computed with node:crypto", async () => {
    expect(await hashPrescription(content)).toBe(
      "189557341af03373aee0a2f347c7094a3fe7a64c3b7699e4a252430f6bc697c4",
    );
  });
  it("gives the same hash whatever the key or list order", async () => {
    const reversedKeys = Object.fromEntries(Object.entries(content).reverse()) as PrescriptionContent;
    const shuffled: PrescriptionContent = {
      ...reversedKeys,
      diagnosisCodes: [...content.diagnosisCodes].reverse(),
      cptCodes: [...content.cptCodes].reverse(),
      bodyRegions: [...content.bodyRegions].reverse(),
    };
    expect(await hashPrescription(shuffled)).toBe(await hashPrescription(content));
  });
  it("changes when any single field changes", async () => {
    const base = await hashPrescription(content);
    const changes: Partial<Record<keyof PrescriptionContent, unknown>> = {
      referralId: "7f1c2a7e-3b7d-4c1e-9a2b-1c3d4e5f6a7b",
      patientId: "1b5d6a3c-8e4f-4a1b-8c2d-3e4f5a6b7c8d",
      physicianId: "3c9e4b1a-7d3f-4e2a-9b1c-5d6e7f8a9b0c",
      physicianName: "Dana Reyes",
      physicianNpi: "1245319599",
      diagnosisCodes: ["M54.50"],
      sessionsPerWeek: 1,
      weeks: 12,
      totalSessions: 11,
      cptCodes: ["97124"],
      bodyRegions: ["neck"],
      precautions: "Avoid deep pressure over the lumbar spine",
      validFrom: "2026-02-02",
      expiresOn: "2026-05-01",
      attestation: false,
      signature: "D. Reyes",
      signedAt: "2026-02-01T15:30:01.000Z",
      previousPrescriptionId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    };
    // Every field of the signed content is covered above.
    expect(Object.keys(changes).sort()).toEqual(Object.keys(content).sort());
    const hashes = new Set([base]);
    for (const [key, value] of Object.entries(changes)) {
      const h = await hashPrescription({ ...content, [key]: value } as PrescriptionContent);
      expect(h, key).not.toBe(base);
      hashes.add(h);
    }
    expect(hashes.size).toBe(Object.keys(changes).length + 1);
  });
  it("verifyPrescriptionHash compares case-insensitively and detects tampering", async () => {
    const h = await hashPrescription(content);
    expect(await verifyPrescriptionHash(content, h.toUpperCase())).toBe(true);
    expect(await verifyPrescriptionHash({ ...content, totalSessions: 24 }, h)).toBe(false);
  });
});

describe("prescriptionDateIssues", () => {
  const ctx = { today: "2026-03-10", previousValidFrom: null };
  it("must expire after today (the patient's day)", () => {
    expect(prescriptionDateIssues({ validFrom: "2026-03-01", expiresOn: "2026-03-11" }, ctx)).toEqual([]);
    expect(prescriptionDateIssues({ validFrom: "2026-03-01", expiresOn: "2026-03-10" }, ctx)).toEqual([
      { path: "expiresOn", message: "The prescription must expire after today" },
    ]);
  });
  it("a renewal cannot start before the prescription it renews", () => {
    const renewal = { ...ctx, previousValidFrom: "2026-03-05" };
    expect(prescriptionDateIssues({ validFrom: "2026-03-05", expiresOn: "2026-06-01" }, renewal)).toEqual([]);
    expect(prescriptionDateIssues({ validFrom: "2026-03-04", expiresOn: "2026-06-01" }, renewal)).toEqual([
      { path: "validFrom", message: "A renewal cannot start before the prescription it renews" },
    ]);
  });
});
