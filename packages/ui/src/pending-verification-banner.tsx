import { Alert } from "@mantine/core";
import type { ClinicianRole } from "@mm/domain";

const UNLOCKS: Record<ClinicianRole, string> = {
  physician: "signing prescriptions",
  therapist: "accepting referrals",
};

export function pendingVerificationText(role: ClinicianRole): string {
  return `Your credentials are pending verification by our team. You can complete your profile meanwhile; ${UNLOCKS[role]} unlocks once verified.`;
}

/** Shown to physicians and therapists until an operator verifies their credentials. */
export function PendingVerificationBanner({ role }: { role: ClinicianRole }) {
  return (
    <Alert color="yellow" variant="light" title="Pending verification" role="status">
      {pendingVerificationText(role)}
    </Alert>
  );
}
