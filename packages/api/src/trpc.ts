import { DomainError, forbidden } from "@mm/domain";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Context, SessionUser } from "./context";
import { constraintError, formatError, toTRPCError, validationError } from "./errors";

const t = initTRPC.context<Context>().create({
  errorFormatter: ({ error, shape }) => formatError(error, shape),
  // Live timeline over SSE: pings keep proxies from closing idle streams; the client reconnects when they stop.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps typed domain errors thrown anywhere below to their tRPC codes. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) throw toTRPCError(cause);
    if (cause instanceof ZodError) throw validationError(cause);
    const fromConstraint = constraintError(cause);
    if (fromConstraint) throw toTRPCError(fromConstraint);
  }
  return result;
});

export const publicProcedure = t.procedure.use(domainErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  // Only what changes: tRPC merges it into the context (a full copy here was copied again by that merge).
  return next({ ctx: { user: ctx.user as SessionUser } });
});

const roleProcedure = (role: SessionUser["role"]) =>
  authedProcedure.use(({ ctx, next }) => {
    if (ctx.user.role !== role) throw forbidden(`role.${role}_only`, `Only a ${role} can do this.`);
    return next();
  });

export const patientProcedure = roleProcedure("patient");
export const physicianProcedure = roleProcedure("physician");
export const therapistProcedure = roleProcedure("therapist");

/** Physician or therapist: the co-authors of a plan of care. */
export const clinicianProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "physician" && ctx.user.role !== "therapist") {
    throw forbidden("role.clinician_only", "Only the physician or the therapist can do this.");
  }
  return next();
});
