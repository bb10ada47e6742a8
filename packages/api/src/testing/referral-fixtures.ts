/**
 * Shared fixtures for the referral integration suites: valid inputs, parties, DB snapshots, error helpers and a
 * bounded reader for the live timeline subscription. Not a test file itself.
 */
import { randomInt, randomUUID } from "node:crypto";
import { auditLog, coverage, prescription, referral, therapistInvitation, timelineEvent } from "@mm/db";
import {
  addDays,
  type CoverageUpsertInput,
  isValidNpi,
  type PrescriptionSignInput,
  type ReferralCreateInput,
  type TherapistProfileInput,
  todayIso,
} from "@mm/domain";
import { TRPCError } from "@trpc/server";
import { count, eq } from "drizzle-orm";
import { expect } from "vitest";
import { appRouter } from "../router";
import { createCallerFactory } from "../trpc";
import { SAMPLE, type TestApi } from "./test-support";

export type Member = Awaited<ReturnType<TestApi["member"]>>;

/** The error a refused call rejects with; fails the test when the call succeeds or throws something else. */
export async function errorOf(p: Promise<unknown> | (() => Promise<unknown>)): Promise<TRPCError> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw new Error(
      `expected a TRPCError, got ${(e as Error)?.constructor?.name ?? typeof e}: ${(e as Error)?.message}`,
    );
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

/** The domain rule a refusal names (`cause.rule`), or undefined. */
export const ruleOf = (e: TRPCError): string | undefined => (e.cause as { rule?: string } | undefined)?.rule;

/** Asserts a refusal's tRPC code and, when given, the rule it names. */
export async function expectRefused(
  p: Promise<unknown> | (() => Promise<unknown>),
  code: TRPCError["code"],
  rule?: string | RegExp,
): Promise<TRPCError> {
  const err = await errorOf(p);
  expect(err.code, `${err.code}: ${err.message}`).toBe(code);
  if (rule !== undefined) {
    if (typeof rule === "string") expect(ruleOf(err)).toBe(rule);
    else expect(ruleOf(err)).toMatch(rule);
  }
  return err;
}

export const today = () => todayIso(new Date());
export const inDays = (days: number) => addDays(today(), days);

/** A valid NPI (Luhn over the 80840 prefix) derived from `seed`, different for each seed below 10^8. */
export function npiFor(seed: number): string {
  const body = `2${String(seed).padStart(8, "0")}`;
  for (let check = 0; check <= 9; check++) {
    const npi = `${body}${check}`;
    if (isValidNpi(npi)) return npi;
  }
  throw new Error(`no check digit for ${body}`);
}

export function referralInput(
  physicianId: string,
  overrides: Partial<ReferralCreateInput> = {},
): ReferralCreateInput {
  return {
    physicianId,
    kind: "chronic",
    bodyRegions: ["lower_back", "neck"],
    symptoms: ["pain", "muscle_spasm", "insomnia"],
    description: "Low back pain for two years, worse after desk work; wakes up at night.",
    painNow: 6,
    eveningPain: 7,
    sleepHours: 5,
    medicationDosesPerDay: 3,
    medicalConditions: ["Herniated disc L4-L5", "Hypertension"],
    medications: ["Ibuprofen 400mg", "Lisinopril"],
    expectations: {
      goals: [{ kind: "fewer_painkillers" }, { kind: "less_evening_pain" }, { kind: "sleep_through_night" }],
      desiredFrequency: "weekly",
    },
    ...overrides,
  };
}

export const PRECAUTIONS = "Avoid deep pressure over L4-L5; no prone position longer than 20 minutes.";

export function prescriptionInput(
  referralId: string,
  overrides: Partial<PrescriptionSignInput> = {},
): PrescriptionSignInput {
  return {
    referralId,
    diagnosisCodes: ["M54.50", "M62.830"],
    sessionsPerWeek: 1,
    weeks: 12,
    totalSessions: 12,
    cptCodes: ["97124", "97140"],
    bodyRegions: ["lower_back", "neck"],
    precautions: PRECAUTIONS,
    validFrom: today(),
    expiresOn: inDays(90),
    attestation: true,
    signature: "Dr. Ada Test",
    ...overrides,
  };
}

export function coverageInput(overrides: Partial<CoverageUpsertInput> = {}): CoverageUpsertInput {
  return {
    payerName: "Aetna",
    planName: "Choice POS II",
    memberId: "W123456789",
    groupNumber: "0012345",
    massageCovered: true,
    amountPerSessionCents: 6000,
    visitsPerYear: 20,
    priorAuthRequired: false,
    requiresLicense: true,
    requiresNpi: true,
    requiresInNetwork: false,
    callDate: today(),
    callReference: "REF-7781",
    notes: "Agent said a prescription with an ICD-10 code is required.",
    ...overrides,
  };
}

/**
 * A therapist licensed in CA, verified, with an NPI and a license valid well past any prescription. Credential
 * and NPI are random (no module-level counter): different for each call whatever ran before.
 */
export function therapistProfileInput(
  name: string,
  overrides: Partial<TherapistProfileInput> = {},
): TherapistProfileInput {
  const seed = randomInt(100_000_000);
  return SAMPLE.therapist(name, {
    credentialNumber: `LMT-${randomUUID().slice(0, 8)}`,
    credentialExpiresOn: inDays(3 * 365),
    npi: npiFor(seed),
    ...overrides,
  });
}

/** Row counts and the referral row itself: a refused call must leave all of these unchanged. */
export async function snapshot(api: TestApi, referralId?: string) {
  const [[events], [rxs], [invites], [audits], [refs], [covs]] = await Promise.all([
    api.db.select({ n: count() }).from(timelineEvent),
    api.db.select({ n: count() }).from(prescription),
    api.db.select({ n: count() }).from(therapistInvitation),
    api.db.select({ n: count() }).from(auditLog),
    api.db.select({ n: count() }).from(referral),
    api.db.select({ n: count() }).from(coverage),
  ]);
  const row = referralId
    ? (
        await api.db
          .select({
            status: referral.status,
            version: referral.version,
            therapistId: referral.therapistId,
            closedReason: referral.closedReason,
          })
          .from(referral)
          .where(eq(referral.id, referralId))
      )[0]
    : undefined;
  return {
    timelineEvents: events?.n,
    prescriptions: rxs?.n,
    invitations: invites?.n,
    auditRows: audits?.n,
    referrals: refs?.n,
    coverages: covs?.n,
    referral: row,
  };
}

const createCaller = createCallerFactory(appRouter);

type TimelineEventOut = {
  id: string;
  seq: number;
  type: string;
  actorRole: string;
  actorName: string | null;
  data: Record<string, unknown>;
};

/**
 * Subscribes to `timeline.onEvent` as `member` with an AbortSignal of our own, so the subscription can always be
 * ended (even while it waits), and reads it one event at a time with a timeout: never an unbounded wait.
 */
export async function subscribeTimeline(
  api: TestApi,
  member: { cookie: string },
  input: { referralId: string; lastEventId?: string | null },
) {
  const ac = new AbortController();
  const { ctx } = await api.callerFor(new Headers({ cookie: member.cookie }));
  const caller = createCaller(ctx, { signal: ac.signal });
  const iterable = (await caller.timeline.onEvent(input)) as AsyncIterable<unknown>;
  const iterator = iterable[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<unknown>> | null = null;

  /** The next event, or `timeout` when none arrives within `ms`. Errors of the subscription reject. */
  async function next(ms = 5_000): Promise<TimelineEventOut | "timeout" | "done"> {
    pending ??= iterator.next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), ms);
    });
    try {
      const result = await Promise.race([pending, timeout]);
      if (result === "timeout") return "timeout";
      pending = null;
      if (result.done) return "done";
      // tracked(id, data) arrives as [id, data, symbol]
      const value = result.value as [string, TimelineEventOut] | TimelineEventOut;
      return Array.isArray(value) ? value[1] : value;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Collects `n` events, failing on a timeout. */
  async function take(n: number, ms = 5_000): Promise<TimelineEventOut[]> {
    const out: TimelineEventOut[] = [];
    while (out.length < n) {
      const e = await next(ms);
      if (e === "timeout" || e === "done")
        throw new Error(`expected ${n} events, got ${out.length} then ${e}`);
      out.push(e);
    }
    return out;
  }

  async function close() {
    ac.abort();
    // The generator ends on abort; its pending next() settles, so return() does not hang.
    await Promise.race([
      (pending ?? Promise.resolve()).catch(() => undefined),
      new Promise((r) => setTimeout(r, 1_000)),
    ]);
    await Promise.race([iterator.return?.(undefined), new Promise((r) => setTimeout(r, 1_000))]).catch(
      () => undefined,
    );
  }

  return { next, take, close, iterator };
}
