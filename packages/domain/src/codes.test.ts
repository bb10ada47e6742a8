import { describe, expect, it } from "vitest";
import {
  BODY_REGION_LABELS,
  BODY_REGIONS,
  bodyRegionSchema,
  CPT_CODES,
  CPT_LABELS,
  cptCodeSchema,
  ICD10_CODES,
  ICD10_LABELS,
  icd10CodeSchema,
  matchesWordStarts,
  SYMPTOM_LABELS,
  SYMPTOMS,
  searchIcd10,
  symptomSchema,
} from "./codes";

describe("ICD-10-CM codes", () => {
  it("bundles about thirty unique, well-formed codes with labels", () => {
    expect(ICD10_CODES.length).toBeGreaterThanOrEqual(30);
    const codes = ICD10_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of ICD10_CODES) {
      // Letter, two digits, optional dot and up to four more characters (e.g. S13.4XXA).
      expect(c.code).toMatch(/^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/);
      expect(c.label.length).toBeGreaterThan(3);
    }
  });
  it("includes the codes the referral flow relies on", () => {
    for (const code of [
      "M54.50",
      "M54.51",
      "M54.59",
      "M54.2",
      "M54.6",
      "M25.511",
      "M25.512",
      "M25.519",
      "M62.830",
      "M62.838",
      "M79.10",
      "M79.11",
      "M79.12",
      "M79.18",
      "M79.7",
      "G47.00",
      "G44.209",
      "M53.0",
      "M53.1",
      "S13.4XXA",
      "S33.5XXA",
      "M25.551",
      "M25.552",
      "F41.9",
      "M54.16",
      "M54.17",
    ]) {
      expect(icd10CodeSchema.safeParse(code).success, code).toBe(true);
    }
    expect(ICD10_LABELS["M54.2"]).toBe("Cervicalgia (neck pain)");
    expect(ICD10_LABELS["M54.50"]).toBe("Low back pain, unspecified");
  });
  it("refuses unknown codes with a plain message", () => {
    for (const bad of ["M54.5", "m54.50", "X99.9", "", 54]) {
      const r = icd10CodeSchema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe("Unknown ICD-10-CM code");
    }
  });
});

describe("CPT codes", () => {
  it("lists the two timed massage codes", () => {
    expect(CPT_CODES).toEqual([
      { code: "97124", label: "Massage therapy, each 15 minutes" },
      { code: "97140", label: "Manual therapy techniques, each 15 minutes" },
    ]);
    expect(CPT_LABELS["97140"]).toBe("Manual therapy techniques, each 15 minutes");
    expect(cptCodeSchema.parse("97124")).toBe("97124");
    const r = cptCodeSchema.safeParse("97110");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/Unknown CPT code/);
  });
});

describe("body regions and symptoms", () => {
  it("have a label for every value and refuse others", () => {
    expect(BODY_REGIONS).toEqual([
      "lower_back",
      "upper_back",
      "neck",
      "shoulders",
      "hips",
      "legs",
      "arms",
      "head",
    ]);
    expect(Object.keys(BODY_REGION_LABELS).sort()).toEqual([...BODY_REGIONS].sort());
    expect(BODY_REGION_LABELS.lower_back).toBe("Lower back");
    expect(bodyRegionSchema.safeParse("feet").error?.issues[0]?.message).toBe("Choose a listed body region");

    expect(SYMPTOMS).toHaveLength(8);
    expect(Object.keys(SYMPTOM_LABELS).sort()).toEqual([...SYMPTOMS].sort());
    expect(symptomSchema.parse("muscle_spasm")).toBe("muscle_spasm");
    expect(symptomSchema.safeParse("fever").error?.issues[0]?.message).toBe("Choose a listed symptom");
  });
});

describe("diagnosis search by word starts", () => {
  it("'hip' finds the hip codes and not whiplash", () => {
    expect(searchIcd10("hip").map((c) => c.code)).toEqual(["M25.551", "M25.552"]);
    expect(matchesWordStarts("S13.4XXA Sprain of ligaments of cervical spine (whiplash)", "hip")).toBe(false);
  });
  it("codes by prefix, several words in any order, case-insensitive", () => {
    expect(searchIcd10("m54.5").map((c) => c.code)).toEqual(["M54.50", "M54.51", "M54.59"]);
    expect(searchIcd10("BACK low").map((c) => c.code)).toEqual(["M54.50", "M54.51", "M54.59", "S39.012A"]);
    expect(searchIcd10("whip").map((c) => c.code)).toEqual(["S13.4XXA"]);
    expect(searchIcd10("neck pain").map((c) => c.code)).toEqual(["M54.2"]);
  });
  it("a blank search matches everything; nonsense matches nothing", () => {
    expect(searchIcd10("  ")).toHaveLength(ICD10_CODES.length);
    expect(searchIcd10("xyz")).toEqual([]);
    expect(matchesWordStarts("", "a")).toBe(false);
  });
});
