import { z } from "zod";
import type { FieldIssue } from "./clock-rules";
import {
  type BodyRegion,
  bodyRegionSchema,
  type CptCode,
  cptCodeSchema,
  type Icd10Code,
  icd10CodeSchema,
} from "./codes";
import { addYears } from "./dates";
import { expectedVersionField, freeText, idField, intInRange, textField, uniqueList } from "./fields";
import { isoDateSchema } from "./profile";

/**
 * The prescription a physician signs. Once signed its canonical content is hashed and stored; it is never edited,
 * and a change is a renewal (a new prescription pointing to the previous one).
 */

/** A prescription may be valid for at most this long. */
export const PRESCRIPTION_MAX_VALIDITY_YEARS = 1;

const sessionsPerWeekSchema = intInRange("Sessions per week", 1, 7);
const weeksSchema = intInRange("Weeks", 1, 52);
const valid = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

export const prescriptionSignSchema = z
  .object({
    referralId: idField("referralId"),
    diagnosisCodes: uniqueList(icd10CodeSchema, "Diagnosis codes", 1, 8),
    sessionsPerWeek: sessionsPerWeekSchema,
    weeks: weeksSchema,
    totalSessions: intInRange("Total sessions", 1, 104),
    cptCodes: uniqueList(cptCodeSchema, "Procedure codes", 1, 2),
    bodyRegions: uniqueList(bodyRegionSchema, "Body regions", 1, 8),
    precautions: freeText("Precautions", 4000),
    validFrom: isoDateSchema,
    expiresOn: isoDateSchema,
    attestation: z.literal(true, { error: "You must attest that massage therapy is medically necessary" }),
    signature: textField("Signature", "Type your full name to sign")
      .trim()
      .min(2, "Type your full name to sign")
      .max(120, "Signature must be at most 120 characters"),
    expectedVersion: expectedVersionField(),
  })
  .superRefine((p, ctx) => {
    // Cross-field rules only once the fields they compare are themselves valid (zod runs refinements anyway).
    if (
      valid(sessionsPerWeekSchema, p.sessionsPerWeek) &&
      valid(weeksSchema, p.weeks) &&
      p.totalSessions > p.sessionsPerWeek * p.weeks
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["totalSessions"],
        message: `Total sessions cannot be more than sessions per week x weeks (${p.sessionsPerWeek * p.weeks})`,
      });
    }
    if (!valid(isoDateSchema, p.validFrom) || !valid(isoDateSchema, p.expiresOn)) return;
    if (p.expiresOn <= p.validFrom) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Expires-on must be after valid-from" });
    } else if (p.expiresOn > addYears(p.validFrom, PRESCRIPTION_MAX_VALIDITY_YEARS)) {
      ctx.addIssue({
        code: "custom",
        path: ["expiresOn"],
        message: "Expires-on can be at most one year after valid-from",
      });
    }
  });

/**
 * Date rules that need "today" (in the patient's zone) or the prescription being renewed: it must still be valid
 * after today, and a renewal cannot start before the prescription it renews. Issues name the field.
 */
export function prescriptionDateIssues(
  input: { validFrom: string; expiresOn: string },
  ctx: { today: string; previousValidFrom: string | null },
): FieldIssue[] {
  if (input.expiresOn <= ctx.today)
    return [{ path: "expiresOn", message: "The prescription must expire after today" }];
  if (ctx.previousValidFrom && input.validFrom < ctx.previousValidFrom)
    return [{ path: "validFrom", message: "A renewal cannot start before the prescription it renews" }];
  return [];
}

/** Renewal has the same shape; the previous prescription is the referral's current one. */
export const prescriptionRenewSchema = prescriptionSignSchema;

export type PrescriptionSignInput = z.infer<typeof prescriptionSignSchema>;
export type PrescriptionRenewInput = z.infer<typeof prescriptionRenewSchema>;

/** Exactly what is signed and hashed. */
export type PrescriptionContent = {
  referralId: string;
  patientId: string;
  physicianId: string;
  physicianName: string;
  physicianNpi: string;
  diagnosisCodes: readonly (Icd10Code | string)[];
  sessionsPerWeek: number;
  weeks: number;
  totalSessions: number;
  cptCodes: readonly (CptCode | string)[];
  bodyRegions: readonly (BodyRegion | string)[];
  precautions: string;
  validFrom: string;
  expiresOn: string;
  attestation: true;
  signature: string;
  /** ISO 8601 instant, e.g. 2026-01-31T15:04:05.000Z. */
  signedAt: string;
  previousPrescriptionId: string | null;
};

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level: the canonical form every signed document hashes. */
export function stableStringify(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k] as Json)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const sorted = (xs: readonly string[]) => [...xs].sort();

/**
 * Deterministic JSON of the signed content: only the fields of `PrescriptionContent` (extra properties of a DB row
 * are ignored), object keys sorted, code lists sorted, so the same prescription always gives the same string.
 */
export function canonicalPrescription(content: PrescriptionContent): string {
  const c: { [key: string]: Json } = {
    referralId: content.referralId,
    patientId: content.patientId,
    physicianId: content.physicianId,
    physicianName: content.physicianName,
    physicianNpi: content.physicianNpi,
    diagnosisCodes: sorted(content.diagnosisCodes),
    sessionsPerWeek: content.sessionsPerWeek,
    weeks: content.weeks,
    totalSessions: content.totalSessions,
    cptCodes: sorted(content.cptCodes),
    bodyRegions: sorted(content.bodyRegions),
    precautions: content.precautions,
    validFrom: content.validFrom,
    expiresOn: content.expiresOn,
    attestation: content.attestation,
    signature: content.signature,
    signedAt: content.signedAt,
    previousPrescriptionId: content.previousPrescriptionId,
  };
  return stableStringify(c);
}

/**
 * The Web Crypto and TextEncoder globals, typed here so this file compiles under any lib/types setting
 * (Node types, DOM lib, or neither); both exist at runtime in Node 20 and every browser.
 */
type WebGlobals = {
  crypto: { subtle: { digest(algorithm: "SHA-256", data: Uint8Array): Promise<ArrayBuffer> } };
  TextEncoder: new () => { encode(input: string): Uint8Array };
};

/** Lowercase hex SHA-256 of a string's UTF-8 bytes (Web Crypto: Node and browsers). */
export async function sha256Hex(text: string): Promise<string> {
  const web = globalThis as unknown as WebGlobals;
  const bytes = new web.TextEncoder().encode(text);
  const digest = await web.crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Lowercase hex SHA-256 of the canonical content. */
export const hashPrescription = (content: PrescriptionContent): Promise<string> =>
  sha256Hex(canonicalPrescription(content));

/** True when `content` still hashes to the stored `hash` (prescription.verify). */
export async function verifyPrescriptionHash(content: PrescriptionContent, hash: string): Promise<boolean> {
  return (await hashPrescription(content)) === hash.trim().toLowerCase();
}
