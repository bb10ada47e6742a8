import { date, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { updatedAt } from "./columns";

export const patientProfile = pgTable("patient_profile", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  dateOfBirth: date("date_of_birth", { mode: "string" }),
  state: text("state"),
  phone: text("phone"),
  medicalConditions: jsonb("medical_conditions").$type<string[]>().notNull().default([]),
  medications: jsonb("medications").$type<string[]>().notNull().default([]),
  allergies: jsonb("allergies").$type<string[]>().notNull().default([]),
  updatedAt: updatedAt(),
});

export const physicianProfile = pgTable(
  "physician_profile",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    npi: text("npi"),
    practice: text("practice"),
    practiceAddress: text("practice_address"),
    state: text("state"),
    /** State medical license number, printed on prescriptions. */
    licenseNumber: text("license_number"),
    phone: text("phone"),
    verifiedAt: timestamp("verified_at", { withTimezone: true, precision: 3 }),
    verifiedBy: uuid("verified_by").references(() => user.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("physician_profile_state_idx").on(t.state),
    index("physician_profile_verified_by_idx").on(t.verifiedBy),
  ],
);

export const therapistProfile = pgTable(
  "therapist_profile",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    credentialKind: text("credential_kind", { enum: ["license", "registration", "certification", "none"] }),
    credentialNumber: text("credential_number"),
    credentialState: text("credential_state"),
    credentialExpiresOn: date("credential_expires_on", { mode: "string" }),
    npi: text("npi"),
    specialties: text("specialties").array().notNull().default([]),
    payers: text("payers").array().notNull().default([]),
    bio: text("bio"),
    phone: text("phone"),
    verifiedAt: timestamp("verified_at", { withTimezone: true, precision: 3 }),
    verifiedBy: uuid("verified_by").references(() => user.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("therapist_profile_state_idx").on(t.credentialState),
    index("therapist_profile_verified_by_idx").on(t.verifiedBy),
    index("therapist_profile_payers_idx").using("gin", t.payers),
    index("therapist_profile_specialties_idx").using("gin", t.specialties),
  ],
);
