import { Button, Stack, Text } from "@mantine/core";
import { canAcknowledge } from "@mm/domain";
import { useReferralMutation } from "../referral-page/use-referral-mutation";
import { useTRPC } from "../trpc";
import type { Plan } from "./types";

type Role = "patient" | "physician" | "therapist";

/**
 * The caller's own step on the current version: clinicians approve it, the patient acknowledges it. Each names
 * the version, so nobody approves a version they did not see (the server refuses stale ones with CONFLICT).
 */
export function PlanSignOff({ plan, role }: { plan: Plan; role: Role | null }) {
  const trpc = useTRPC();
  const config = { referralId: plan.referralId };
  const approve = useReferralMutation(trpc.plan.approve.mutationOptions(), {
    ...config,
    errorTitle: "Not approved",
  });
  const acknowledge = useReferralMutation(trpc.plan.acknowledge.mutationOptions(), {
    ...config,
    errorTitle: "Not acknowledged",
  });
  const open = plan.referralStatus === "planning" || plan.referralStatus === "active";
  if (!plan.content || !open || !role) return null;
  const input = { referralId: plan.referralId, version: plan.version };

  if (role === "patient") {
    if (plan.approvals.patientAcknowledged)
      return <Text size="sm">You acknowledged version {plan.version}.</Text>;
    // The same rule the server applies: only a version both clinicians approved can be acknowledged.
    if (!canAcknowledge(plan.approvals))
      return (
        <Text size="sm">
          You can acknowledge this plan once your physician and your therapist have both approved version{" "}
          {plan.version}.
        </Text>
      );
    return (
      <Stack gap="xs" align="flex-start">
        {acknowledge.alert}
        <Button
          onClick={() => void acknowledge.run(input)}
          loading={acknowledge.pending}
          // A long label: let it wrap on phones instead of running off the screen.
          h="auto"
          py={8}
          styles={{ label: { whiteSpace: "normal", textAlign: "center" } }}
        >
          I have read this plan (acknowledge version {plan.version})
        </Button>
      </Stack>
    );
  }

  const approved = role === "physician" ? plan.approvals.physicianApproved : plan.approvals.therapistApproved;
  if (approved) return <Text size="sm">You approved version {plan.version}.</Text>;
  return (
    <Stack gap="xs" align="flex-start">
      {approve.alert}
      <Button onClick={() => void approve.run(input)} loading={approve.pending}>
        Approve version {plan.version}
      </Button>
    </Stack>
  );
}
