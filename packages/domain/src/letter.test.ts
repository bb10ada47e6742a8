import { describe, expect, it } from "vitest";
import {
  allGoalsAchieved,
  canonicalLetter,
  draftLetterNarrative,
  hashLetter,
  type LetterContent,
  type LetterFacts,
  type LetterGoalRow,
  letterGoalStatus,
  letterSignSchema,
} from "./letter";

const goal = (name: string, status: LetterGoalRow["status"], latest: number | null = 3): LetterGoalRow => ({
  name,
  unit: "/10",
  baseline: 6,
  target: 3,
  latest,
  byDate: "2026-06-30",
  status,
});

const facts = (goals: LetterGoalRow[]): LetterFacts => ({
  patientName: "Pat Patient",
  kind: "chronic",
  diagnoses: [{ code: "M54.50", label: "Low back pain, unspecified" }],
  sessionsAttended: 5,
  sessionsAuthorized: 12,
  goals,
});

describe("letterGoalStatus", () => {
  it("is achieved first, then unmeasured, late or in progress", () => {
    expect(letterGoalStatus({ achieved: true, latest: 2, byDate: "2026-01-01" }, "2026-02-01")).toBe(
      "achieved",
    );
    expect(letterGoalStatus({ achieved: false, latest: null, byDate: "2026-03-01" }, "2026-02-01")).toBe(
      "not_measured",
    );
    expect(letterGoalStatus({ achieved: false, latest: 5, byDate: "2026-01-31" }, "2026-02-01")).toBe(
      "not_met_by_date",
    );
    expect(letterGoalStatus({ achieved: false, latest: 5, byDate: "2026-02-01" }, "2026-02-01")).toBe(
      "in_progress",
    );
  });
});

describe("draftLetterNarrative", () => {
  it("never says therapy is still necessary once every goal is achieved", () => {
    const text = draftLetterNarrative(facts([goal("Pain", "achieved"), goal("Sleep", "achieved")]));
    expect(text).toContain("All 2 treatment goals have been achieved");
    expect(text).toContain("no longer medically necessary");
    expect(text).not.toMatch(/remains medically necessary/);
  });

  it("says therapy remains necessary for the open goals, naming them, and counts the achieved ones", () => {
    const text = draftLetterNarrative(facts([goal("Pain", "achieved"), goal("Sleep", "in_progress", 5)]));
    expect(text).toContain("1 of 2 goals have been achieved (Pain)");
    expect(text).toContain("remains medically necessary to reach the remaining goals: Sleep");
    expect(text).not.toContain("no longer medically necessary");
  });

  it("states the diagnoses and sessions from the record", () => {
    const text = draftLetterNarrative(facts([]));
    expect(text).toContain("Pat Patient is under my care for chronic low back pain, unspecified (M54.50)");
    expect(text).toContain("5 of 12 authorized sessions");
    expect(allGoalsAchieved([])).toBe(false);
  });

  it("writes a score as 6/10 and keeps an acronym's capitals mid-sentence", () => {
    const text = draftLetterNarrative({
      ...facts([goal("Pain", "in_progress", 5)]),
      diagnoses: [{ code: "M26.60", label: "TMJ disorder" }],
    });
    expect(text).toContain("chronic TMJ disorder (M26.60)");
    expect(text).toContain("Pain: from 6/10 towards 3/10 by 2026-06-30, latest 5/10");
    expect(text).not.toContain(" /10");
    const doses = draftLetterNarrative(
      facts([{ ...goal("Pain medication", "in_progress", 1), unit: "doses/day", baseline: 3, target: 1 }]),
    );
    expect(doses).toContain("from 3 doses/day towards 1 dose/day by 2026-06-30, latest 1 dose/day");
  });
});

describe("letter hash", () => {
  const content: LetterContent = {
    referralId: "r",
    patientId: "p",
    physicianId: "d",
    physicianName: "Dr. A",
    physicianNpi: "1234567893",
    version: 1,
    previousLetterId: null,
    diagnosisCodes: ["M62.830", "M54.50"],
    narrative: "Necessary.",
    goals: [goal("Pain", "in_progress")],
    signature: "Dr. A",
    signedAt: "2026-01-31T15:04:05.000Z",
  };

  it("is stable under code order and extra properties, and changes with any signed field", async () => {
    const same = { ...content, diagnosisCodes: ["M54.50", "M62.830"], extra: 1 } as LetterContent;
    expect(canonicalLetter(same)).toBe(canonicalLetter(content));
    expect(await hashLetter(same)).toBe(await hashLetter(content));
    expect(await hashLetter({ ...content, narrative: "Changed." })).not.toBe(await hashLetter(content));
    expect(await hashLetter({ ...content, goals: [goal("Pain", "achieved")] })).not.toBe(
      await hashLetter(content),
    );
    expect(await hashLetter(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("sign input names the field it refuses", () => {
    const r = letterSignSchema.safeParse({ referralId: "x", narrative: "short", signature: "D" });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join(".")).sort();
    expect(paths).toEqual(["attestation", "narrative", "referralId", "signature"]);
  });
});
