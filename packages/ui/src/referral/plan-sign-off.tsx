import { Button, Stack, Text } from "@mantine/core";
import { canAcknowledge } from "@mm/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "../errors";
import { FormError } from "../states";
import { apiErrorCode, useTRPC } from "../trpc";
import type { Plan } from "./types";

type Role = "patient" | "physician" | "therapist";

function useRefreshPlan(referralId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.plan.get.queryKey({ referralId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.referral.get.queryKey({ id: referralId }) }),
    ]);
}

function signOffError(error: unknown): string | null {
  if (!error) return null;
  if (apiErrorCode(error) === "CONFLICT")
    return "The plan changed since you opened it. The newest version is shown above: read it, then try again.";
  return errorMessage(error);
}

/**
 * The caller's own step on the current version: clinicians approve it, the patient acknowledges it. Each names
 * the version, so nobody approves a version they did not see (the server refuses stale ones with CONFLICT).
 */
export function PlanSignOff({ plan, role }: { plan: Plan; role: Role | null }) {
  const trpc = useTRPC();
  const refresh = useRefreshPlan(plan.referralId);
  const options = { onSettled: refresh };
  const approve = useMutation(trpc.plan.approve.mutationOptions(options));
  const acknowledge = useMutation(trpc.plan.acknowledge.mutationOptions(options));
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
        <FormError message={signOffError(acknowledge.error)} title="Not acknowledged" />
        <Button
          onClick={() => acknowledge.mutate(input)}
          loading={acknowledge.isPending}
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
      <FormError message={signOffError(approve.error)} title="Not approved" />
      <Button onClick={() => approve.mutate(input)} loading={approve.isPending}>
        Approve version {plan.version}
      </Button>
    </Stack>
  );
}
