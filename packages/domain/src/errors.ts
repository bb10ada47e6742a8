/**
 * Typed domain errors. Domain and service code throws these; the API's one error formatter maps `kind` to a tRPC
 * code (DESIGN.md: NOT_FOUND, FORBIDDEN, BAD_REQUEST, CONFLICT, PRECONDITION_FAILED).
 */
export type DomainErrorKind = "not_found" | "forbidden" | "invalid" | "conflict" | "rule";

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  /** Machine-readable rule or field name, e.g. `referral.transition_not_allowed` or `npi`. */
  readonly rule: string;

  constructor(kind: DomainErrorKind, rule: string, message: string) {
    super(message);
    this.name = "DomainError";
    this.kind = kind;
    this.rule = rule;
  }
}

/** A state or business rule refuses the action (PRECONDITION_FAILED). */
export const ruleViolation = (rule: string, message: string) => new DomainError("rule", rule, message);
/** Not there, or not yours: the two are indistinguishable on purpose (NOT_FOUND). */
export const notFound = (what: string) =>
  new DomainError("not_found", `${what}.not_found`, `${what} not found`);
/** The caller's role may not do this at all (FORBIDDEN). */
export const forbidden = (rule: string, message: string) => new DomainError("forbidden", rule, message);
/** The caller acted on a stale version (CONFLICT). */
export const conflict = (rule: string, message: string) => new DomainError("conflict", rule, message);
/** Input passed its schema but is still wrong in context (BAD_REQUEST), naming the field. */
export const invalidField = (field: string, message: string) => new DomainError("invalid", field, message);
