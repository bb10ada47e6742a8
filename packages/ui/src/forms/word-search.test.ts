import { describe, expect, test } from "vitest";
import { matchesWordStarts } from "./word-search";

describe("matchesWordStarts", () => {
  test("'hip' finds hip codes, not whiplash", () => {
    expect(matchesWordStarts("M25.551 — Pain in right hip", "hip")).toBe(true);
    expect(matchesWordStarts("S13.4XXA — Sprain of ligaments of cervical spine (whiplash)", "hip")).toBe(
      false,
    );
  });
  test("codes by prefix, several words in any order", () => {
    expect(matchesWordStarts("M54.50 — Low back pain, unspecified", "m54.5")).toBe(true);
    expect(matchesWordStarts("M54.50 — Low back pain, unspecified", "back low")).toBe(true);
    expect(matchesWordStarts("M54.50 — Low back pain, unspecified", "neck")).toBe(false);
    expect(matchesWordStarts("anything", "  ")).toBe(true);
  });
});
