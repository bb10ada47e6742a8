import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  assertSuperbillRange,
  feeSetSchema,
  lineCharge,
  superbillQuerySchema,
  superbillTotals,
} from "./superbill";

const ID = "00000000-0000-4000-8000-000000000001";
const ruleOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.rule : "other";
  }
  return null;
};

describe("superbill", () => {
  it("charges units x fee and totals the lines", () => {
    const lines = [
      { cptCode: "97124", units: 3, centsPerUnit: 3000, chargeCents: lineCharge(3, 3000) },
      { cptCode: "97140", units: 1, centsPerUnit: 3500, chargeCents: lineCharge(1, 3500) },
    ];
    expect(superbillTotals(lines)).toEqual({ units: 4, chargeCents: 12_500 });
    expect(ruleOf(() => lineCharge(1.5, 100))).toBe("units");
  });

  it("checks the range, naming the field", () => {
    const q = (from: string, to: string) => superbillQuerySchema.parse({ referralId: ID, from, to });
    expect(ruleOf(() => assertSuperbillRange(q("2026-01-01", "2026-12-31")))).toBeNull();
    expect(ruleOf(() => assertSuperbillRange(q("2026-02-01", "2026-01-31")))).toBe("to");
    expect(ruleOf(() => assertSuperbillRange(q("2026-01-01", "2027-01-02")))).toBe("to");
    const bad = superbillQuerySchema.safeParse({ referralId: "x", from: "2026-13-01", to: "soon" });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["from", "referralId", "to"]);
  });

  it("takes one fee per CPT code", () => {
    expect(feeSetSchema.safeParse({ fees: [{ cptCode: "97124", centsPerUnit: 3000 }] }).success).toBe(true);
    const twice = feeSetSchema.safeParse({
      fees: [
        { cptCode: "97124", centsPerUnit: 3000 },
        { cptCode: "97124", centsPerUnit: 1 },
      ],
    });
    expect(twice.success).toBe(false);
    expect(feeSetSchema.safeParse({ fees: [{ cptCode: "99999", centsPerUnit: 1 }] }).success).toBe(false);
    expect(feeSetSchema.safeParse({ fees: [{ cptCode: "97124", centsPerUnit: -1 }] }).success).toBe(false);
  });
});
