import { randomUUID } from "node:crypto";
import { type Db, letter } from "@mm/db";
import {
  assertReferralVersion,
  draftLetterNarrative,
  hashLetter,
  type LetterContent,
  type LetterGoalRow,
  type LetterSignInput,
  letterGoalStatus,
  ruleViolation,
  todayIso,
} from "@mm/domain";
import type { SessionUser } from "../context";
import { isVerified } from "../queries/clinician";
import { prescriptionInForce } from "../queries/prescription";
import { loadReferral, lockReferral, savedName } from "../queries/referral";
import { audit } from "../services/audit";
import { iso } from "../services/dates";
import { progressSummary } from "../services/progress-service";
import { changeReferral } from "../services/write-path";
import { latestLetter, lettersOf } from "./document-queries";
import { icd10Label } from "./prescription-pdf";

/** What the record says now: diagnoses from the current prescription, goals and their statuses from progress. */
async function letterFacts(db: Db, me: SessionUser, referralId: string, now: Date) {
  const current = await loadReferral(db, me, referralId);
  const rx = await prescriptionInForce(db, current.id);
  if (!rx) {
    throw ruleViolation(
      "letter.no_prescription",
      "A letter of medical necessity needs a signed prescription first.",
    );
  }
  const summary = await progressSummary(db, me, current.id, now);
  const today = todayIso(now);
  const goals: LetterGoalRow[] = summary.goals.map((g) => ({
    name: g.name,
    unit: g.unit,
    baseline: g.baseline,
    target: g.target,
    latest: g.latest,
    byDate: g.byDate,
    status: letterGoalStatus(g, today),
  }));
  return {
    referral: current,
    prescription: rx,
    goals,
    facts: {
      patientName: summary.patientName,
      kind: current.kind,
      diagnoses: rx.diagnosisCodes.map((code) => ({ code, label: icd10Label(code) })),
      sessionsAttended: summary.attended,
      sessionsAuthorized: summary.sessions.authorized,
      goals,
    },
  };
}

/** letter.draft: the narrative pre-filled from the referral and its progress, and the goal table it will carry. */
export async function draftLetter(db: Db, me: SessionUser, referralId: string, now: Date) {
  const f = await letterFacts(db, me, referralId, now);
  const previous = await latestLetter(db, f.referral.id);
  await audit(db, me, { action: "letter.draft", referralId: f.referral.id, entity: "letter" });
  return {
    referralId: f.referral.id,
    referralVersion: f.referral.version,
    nextVersion: (previous?.version ?? 0) + 1,
    narrative: draftLetterNarrative(f.facts),
    diagnoses: f.facts.diagnoses,
    goals: f.goals,
  };
}

/**
 * letter.sign: a new immutable version with the narrative the physician signed and the goal table as measured now
 * (never taken from the client), hashed over its canonical form. The referral row is locked so two signatures
 * get consecutive versions.
 */
export async function signLetter(db: Db, me: SessionUser, input: LetterSignInput, now: Date) {
  const f = await letterFacts(db, me, input.referralId, now);
  if (!(await isVerified(db, me))) {
    throw ruleViolation(
      "physician.not_verified",
      "Your credentials must be verified before you can sign letters.",
    );
  }
  // Through the write path: the referral is locked (two signatures get consecutive versions), its version bumps,
  // and the audit row commits in the same statement as the letter.
  const out = await changeReferral(
    db,
    me,
    (tx) => lockReferral(tx, me, f.referral.id),
    async (tx, current) => {
      assertReferralVersion(input.expectedVersion, current.version);
      const previous = await latestLetter(tx, current.id);
      const content: LetterContent = {
        referralId: current.id,
        patientId: current.patientId,
        physicianId: me.id,
        physicianName: await savedName(tx, me.id),
        physicianNpi: f.prescription.physicianNpi,
        version: (previous?.version ?? 0) + 1,
        previousLetterId: previous?.id ?? null,
        diagnosisCodes: f.prescription.diagnosisCodes,
        narrative: input.narrative,
        goals: f.goals,
        signature: input.signature,
        signedAt: iso(now),
      };
      const contentHash = await hashLetter(content);
      const letterId = randomUUID();
      const insert = tx
        .insert(letter)
        .values({
          id: letterId,
          ...content,
          diagnosisCodes: [...content.diagnosisCodes],
          goals: [...content.goals],
          signedAt: now,
          contentHash,
        })
        .getSQL();
      return {
        writes: [insert],
        effects: [{ kind: "event", type: "letter_signed", data: { letterId, version: content.version } }],
        audit: { action: "letter.sign", entity: "letter", entityId: letterId },
        result: { letterId, version: content.version, contentHash, signedAt: content.signedAt },
      };
    },
  );
  return { referral: out.referral, ...out.result };
}

/** letter.list: every signed version, for each party of the referral. */
export async function listLetters(db: Db, me: SessionUser, referralId: string) {
  const current = await loadReferral(db, me, referralId);
  const rows = await lettersOf(db, current.id);
  await audit(db, me, { action: "letter.list", referralId: current.id, entity: "letter" });
  return rows.map((r) => ({ ...r, signedAt: iso(r.signedAt) }));
}
