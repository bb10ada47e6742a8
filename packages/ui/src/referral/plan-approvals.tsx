import { Badge, List, Text } from "@mantine/core";
import { PLAN_BADGE_LABELS, type PlanParty, planBadge, type ReferralStatus } from "@mm/domain";
import type { Plan } from "./types";

const WAITING_TEXT: Record<PlanParty, string> = {
  physician: "the physician's approval",
  therapist: "the therapist's approval",
  patient: "the patient's acknowledgement",
};

/**
 * "In effect" needs both clinicians' approval and the patient's acknowledgement of the SAME, current version, and a
 * referral still in care; after it ends the badge says so (domain `planBadge`).
 */
export function InEffectBadge({ inEffect, status }: { inEffect: boolean; status: ReferralStatus }) {
  const badge = planBadge(status, inEffect);
  return badge === "in_effect" ? (
    <Badge color="green" variant="light" c="#1b5e2a" size="lg" radius="sm">
      {PLAN_BADGE_LABELS[badge]}
    </Badge>
  ) : (
    <Badge color="gray" variant="light" c="gray.8" size="lg" radius="sm">
      {PLAN_BADGE_LABELS[badge]}
    </Badge>
  );
}

function Line({ done, yes, no }: { done: boolean; yes: string; no: string }) {
  return (
    <List.Item>
      {done ? (
        <>
          {yes} <span aria-hidden="true">✓</span>
        </>
      ) : (
        no
      )}
    </List.Item>
  );
}

export function PlanApprovals({ plan }: { plan: Plan }) {
  const a = plan.approvals;
  return (
    <div>
      <List size="sm" spacing={2} aria-label={`Approvals of version ${plan.version}`}>
        <Line done={a.physicianApproved} yes="Approved by physician" no="Not yet approved by the physician" />
        <Line done={a.therapistApproved} yes="Approved by therapist" no="Not yet approved by the therapist" />
        <Line
          done={a.patientAcknowledged}
          yes="Acknowledged by patient"
          no="Not yet acknowledged by the patient"
        />
      </List>
      {a.waitingFor.length > 0 ? (
        <Text size="sm" c="dimmed" mt={4}>
          Waiting for {a.waitingFor.map((p) => WAITING_TEXT[p]).join(", ")}.
        </Text>
      ) : null}
    </div>
  );
}
