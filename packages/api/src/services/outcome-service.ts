import type { Db } from "@mm/db";
import type { CompleteInput } from "@mm/domain";
import type { SessionUser } from "../context";
import { runReferralAction } from "./referral-action";

/** The physician ends treatment because the goals are met. */
export const completeReferral = (db: Db, me: SessionUser, input: CompleteInput) =>
  runReferralAction(db, me, input, "complete", async () => ({
    patch: { closedReason: input.note ?? null },
    event: { data: { note: input.note ?? null } },
  }));
