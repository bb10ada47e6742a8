import { ruleViolation } from "./errors";
import type { Role } from "./roles";

export const TWO_FACTOR_REQUIRED_TO_SIGN = "prescription.two_factor_required";

/**
 * A signed prescription is a legal order: the physician's account must have two-factor sign-in on (TOTP) before
 * it can sign or renew one, so a stolen password alone cannot issue prescriptions.
 */
export function assertMaySignPrescriptions(account: { role: Role; twoFactorEnabled: boolean }): void {
  if (account.role === "physician" && !account.twoFactorEnabled) {
    throw ruleViolation(
      TWO_FACTOR_REQUIRED_TO_SIGN,
      "Turn on two-factor sign-in (Profile → Security) before signing prescriptions.",
    );
  }
}
