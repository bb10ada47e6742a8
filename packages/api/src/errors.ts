import { conflict, DomainError, type DomainErrorKind, ruleViolation } from "@mm/domain";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";

const CODE_BY_KIND: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  not_found: "NOT_FOUND",
  forbidden: "FORBIDDEN",
  invalid: "BAD_REQUEST",
  conflict: "CONFLICT",
  rule: "PRECONDITION_FAILED",
};

/** Domain errors become tRPC errors with the matching code; the rule name travels in `cause`. */
export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: CODE_BY_KIND[error.kind], message: error.message, cause: error });
}

/**
 * Constraints the database enforces under concurrency, as the domain error the code path would have raised. Walks
 * the cause chain (Drizzle wraps the driver's error); both drivers carry `code` and `constraint`.
 */
const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
  appointment_therapist_no_overlap: () =>
    conflict("appointment.slot_taken", "Someone else just booked that time. Please choose another slot."),
  appointment_patient_no_overlap: () =>
    ruleViolation("appointment.patient_overlap", "You already have another appointment at that time."),
};

export function constraintError(error: unknown): DomainError | null {
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    // 23P01 exclusion_violation
    if (code === "23P01" && typeof constraint === "string") return CONSTRAINT_ERRORS[constraint]?.() ?? null;
  }
  return null;
}

/** Input validation failure whose message names the first bad field, e.g. "npi: NPI must be exactly 10 digits". */
export function validationError(error: ZodError): TRPCError {
  const [field, msg] = Object.entries(zodFieldErrors(error))[0] ?? ["input", "Invalid input"];
  return new TRPCError({ code: "BAD_REQUEST", message: `${field}: ${msg}`, cause: error });
}

export type FieldErrors = Record<string, string>;

/** "goals.0.target" style paths, so a form can put each message under its field. */
export function zodFieldErrors(error: ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "input";
    out[path] ??= issue.message;
  }
  return out;
}

/** The single error formatter: names the field (validation) or the rule (domain), hides internals. */
export function formatError(error: TRPCError, shape: { message: string; data: Record<string, unknown> }) {
  const cause = error.cause;
  if (cause instanceof ZodError) {
    return { ...shape, data: { ...shape.data, fieldErrors: zodFieldErrors(cause), rule: null } };
  }
  if (cause instanceof DomainError) {
    const fieldErrors = cause.kind === "invalid" ? { [cause.rule]: cause.message } : null;
    return { ...shape, data: { ...shape.data, rule: cause.rule, fieldErrors } };
  }
  if (error.code === "INTERNAL_SERVER_ERROR") {
    // Never leak driver or SQL messages (they can echo input values) to the client.
    return {
      ...shape,
      message: "Something went wrong on our side. Please try again.",
      data: { ...shape.data, rule: null, fieldErrors: null },
    };
  }
  return { ...shape, data: { ...shape.data, rule: null, fieldErrors: null } };
}
