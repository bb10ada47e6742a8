import { Button, Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useOptionalMe } from "../me";
import { EmptyState, ErrorState, LoadingState } from "../states";
import { useTRPC } from "../trpc";
import { type HeadingOrder, Panel, subHeading } from "./panel";
import { InEffectBadge, PlanApprovals } from "./plan-approvals";
import { PlanHistory } from "./plan-history";
import { PlanSignOff } from "./plan-sign-off";
import { PlanView } from "./plan-view";

// Only clinicians edit, and only sometimes: the form code loads when they open it.
const PlanEditor = lazy(() => import("./plan-editor"));

type Role = "patient" | "physician" | "therapist";

function useRole(): Role | null {
  const role = useOptionalMe()?.user.role;
  return role === "patient" || role === "physician" || role === "therapist" ? role : null;
}

/**
 * The plan of care: the current version, who approved it, its history, and (for the physician and therapist
 * while the referral is in planning or treatment) an editor that saves new versions.
 */
export function PlanPanel({
  referralId,
  editable = true,
  headingOrder = 2,
}: {
  referralId: string;
  /** Pass false to show the plan read-only even to its authors. */
  editable?: boolean;
  headingOrder?: HeadingOrder;
}) {
  const trpc = useTRPC();
  const role = useRole();
  const query = useQuery(trpc.plan.get.queryOptions({ referralId }));
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const plan = query.data;

  if (query.isPending)
    return (
      <Panel title="Plan of care" headingOrder={headingOrder}>
        <LoadingState label="Loading the plan of care" />
      </Panel>
    );
  if (query.isError || !plan)
    return (
      <Panel title="Plan of care" headingOrder={headingOrder}>
        <ErrorState
          error={query.error}
          title="Could not load the plan of care"
          onRetry={() => query.refetch()}
        />
      </Panel>
    );

  const canEdit = editable && plan.editable;
  const startEditing = () => {
    setSaved(null);
    setEditing(true);
  };
  const editor = editing ? (
    <Suspense fallback={<LoadingState label="Loading the editor" />}>
      <PlanEditor
        plan={plan}
        onCancel={() => setEditing(false)}
        onSaved={(version) => {
          setEditing(false);
          setSaved(version);
        }}
      />
    </Suspense>
  ) : null;

  return (
    <Panel
      title="Plan of care"
      headingOrder={headingOrder}
      actions={
        plan.content ? (
          <InEffectBadge inEffect={plan.approvals.inEffect} status={plan.referralStatus} />
        ) : null
      }
    >
      <Stack gap="md">
        <Text role="status" size="sm" c="#1b5e2a" fw={500}>
          {saved !== null ? `Saved version ${saved}. It needs both clinicians' approval again.` : ""}
        </Text>
        {plan.content ? (
          <>
            <Text size="sm" c="dimmed">
              Version {plan.version}
              {plan.history[0] ? ` by ${plan.history[0].authorName}` : ""}
            </Text>
            <PlanView content={plan.content} headingOrder={headingOrder} />
            <PlanApprovals plan={plan} />
            <PlanSignOff key={plan.version} plan={plan} role={role} />
          </>
        ) : editing ? null : (
          <EmptyState
            title="No plan of care yet"
            headingOrder={subHeading(headingOrder) as 3 | 4}
            action={canEdit ? <Button onClick={startEditing}>Write the plan of care</Button> : null}
          >
            {role === "patient"
              ? "Your physician and therapist write it together. You will be asked to read and acknowledge it."
              : "The physician and the therapist write it together: measurable goals, frequency, techniques, precautions and home care."}
          </EmptyState>
        )}
        {canEdit && plan.content && !editing ? (
          <Group>
            <Button variant="default" onClick={startEditing}>
              Edit the plan
            </Button>
          </Group>
        ) : null}
        {editor}
        <PlanHistory history={plan.history} headingOrder={headingOrder} />
      </Stack>
    </Panel>
  );
}
