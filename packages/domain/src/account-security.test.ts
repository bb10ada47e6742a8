import { describe, expect, it } from "vitest";
import { assertMaySignPrescriptions, TWO_FACTOR_REQUIRED_TO_SIGN } from "./account-security";
import { DomainError } from "./errors";

describe("assertMaySignPrescriptions", () => {
  it("refuses a physician without two-factor sign-in, naming the rule", () => {
    try {
      assertMaySignPrescriptions({ role: "physician", twoFactorEnabled: false });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe("rule");
      expect((e as DomainError).rule).toBe(TWO_FACTOR_REQUIRED_TO_SIGN);
    }
  });
  it("lets a physician with two-factor sign-in through", () => {
    expect(() => assertMaySignPrescriptions({ role: "physician", twoFactorEnabled: true })).not.toThrow();
  });
});
