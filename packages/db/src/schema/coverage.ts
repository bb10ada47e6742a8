import { boolean, date, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, id, updatedAt } from "./columns";

/** The patient's insurance as they recorded it, including what the insurer said on the phone. One per patient. */
export const coverage = pgTable("coverage", {
  id: id(),
  patientId: uuid("patient_id")
    .notNull()
    .unique()
    .references(() => user.id, { onDelete: "cascade" }),
  payerName: text("payer_name").notNull(),
  planName: text("plan_name"),
  memberId: text("member_id").notNull(),
  groupNumber: text("group_number"),
  massageCovered: boolean("massage_covered"),
  amountPerSessionCents: integer("amount_per_session_cents"),
  visitsPerYear: integer("visits_per_year"),
  priorAuthRequired: boolean("prior_auth_required"),
  requiresLicense: boolean("requires_license").notNull().default(true),
  requiresNpi: boolean("requires_npi").notNull().default(false),
  requiresInNetwork: boolean("requires_in_network").notNull().default(false),
  callDate: date("call_date", { mode: "string" }),
  callReference: text("call_reference"),
  notes: text("notes"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
