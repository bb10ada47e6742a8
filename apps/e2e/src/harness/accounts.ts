import { randomUUID } from "node:crypto";

export const ROLES = ["patient", "physician", "therapist"] as const;
export type PortalRole = (typeof ROLES)[number];

/** Seeded by `pnpm seed` (README), all verified. */
export const DEMO_PASSWORD = "demo-password-2026";
/** The demo physicians' published TOTP secret (README): their sign-in asks for a code after the password. */
export const DEMO_TOTP_SECRET = "PRESCRIBEDMASSAGEDEMOPHYSICIANXX";
export const DEMO_TWO_FACTOR_EMAILS = ["physician@demo.example", "physician2@demo.example"];
export const DEMO: Record<PortalRole, { email: string; name: string }> = {
  patient: { email: "patient@demo.example", name: "Pat Morgan" },
  physician: { email: "physician@demo.example", name: "Dr. Alicia Chen" },
  therapist: { email: "therapist@demo.example", name: "Jordan Rivera, LMT" },
};

/** A never-used email address for a fresh account. */
export function freshEmail(role: PortalRole): string {
  return `e2e-${role}-${randomUUID().slice(0, 8)}@test.example`;
}

/** A random 10-digit NPI with a valid check digit (Luhn over "80840" + first nine digits). */
export function validNpi(): string {
  const first9 = `1${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const payload = `80840${first9}`;
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${first9}${(10 - (sum % 10)) % 10}`;
}
