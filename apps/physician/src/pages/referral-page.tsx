import { Alert, Anchor, Button, Group, Paper, Stack, Text } from "@mantine/core";
import {
  CLOSED_STATUS_TITLES,
  completeSchema,
  declineSchema,
  discontinueSchema,
  inCare as isInCare,
  requestInfoSchema,
} from "@mm/domain";
import { notify, pendingVerificationText, useMe, useTRPC } from "@mm/ui";
import { maxLengthOf } from "@mm/ui/forms";
import {
  CoverageSummary,
  FilesPanel,
  JustificationSummary,
  LetterPanel,
  NewSinceLastVisit,
  PlanPanel,
  PrescriptionCard,
  ProgressPanel,
  ReferralFacts,
  ReferralTimeline,
  SessionsPanel,
} from "@mm/ui/referral";
import {
  ActionModal,
  fieldError,
  formatDate,
  kindLabel,
  patientLine,
  type Referral,
  ReferralGate,
  ReferralHeader,
  useReferralMutation,
  useReferralQuery,
} from "@mm/ui/referral-page";
import { type ReactNode, useState } from "react";
import { Link } from "react-router";
import { ScheduleAgainstPlan } from "../components/schedule-against-plan";

type ModalKind = "ask" | "decline" | "complete" | "discontinue";

const CLOSED_TITLES = CLOSED_STATUS_TITLES.physician;

function ActionBar({ referral: r, onOpen }: { referral: Referral; onOpen: (kind: ModalKind) => void }) {
  const me = useMe();
  const can = (action: Referral["allowedActions"][number]) => r.allowedActions.includes(action);
  const pending = me.pendingVerification;
  const buttons: ReactNode[] = [];
  if (can("signPrescription")) {
    buttons.push(
      pending ? (
        <Button key="sign" disabled aria-describedby="verification-note">
          Sign prescription
        </Button>
      ) : (
        <Button key="sign" component={Link} to={`/referrals/${r.id}/sign`}>
          Sign prescription
        </Button>
      ),
    );
  }
  if (can("requestInfo"))
    buttons.push(
      <Button key="ask" variant="default" onClick={() => onOpen("ask")}>
        Ask for information
      </Button>,
    );
  if (can("decline"))
    buttons.push(
      <Button key="decline" variant="light" color="red" onClick={() => onOpen("decline")}>
        Decline
      </Button>,
    );
  if (can("renew")) {
    buttons.push(
      pending ? (
        <Button key="renew" disabled aria-describedby="verification-note">
          Renew prescription
        </Button>
      ) : (
        <Button key="renew" component={Link} to={`/referrals/${r.id}/renew`}>
          Renew prescription
        </Button>
      ),
    );
  }
  if (can("complete"))
    buttons.push(
      <Button key="complete" variant="default" onClick={() => onOpen("complete")}>
        Complete (goals met)
      </Button>,
    );
  if (can("discontinue"))
    buttons.push(
      <Button key="discontinue" variant="light" color="red" onClick={() => onOpen("discontinue")}>
        Discontinue
      </Button>,
    );
  if (buttons.length === 0) return null;
  const signing = can("signPrescription") || can("renew");
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label="Actions">
      <Stack gap="xs">
        <Group gap="sm">{buttons}</Group>
        {pending && signing ? (
          <Text size="sm" c="dimmed" id="verification-note">
            {pendingVerificationText("physician")}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function StatusNote({ referral: r }: { referral: Referral }) {
  if (r.status === "needs_info")
    return (
      <Alert color="yellow" variant="light" title="Waiting for the patient">
        You asked for more information; the request comes back to you when the patient answers.
      </Alert>
    );
  if (r.status === "prescribed")
    return (
      <Alert color="blue" variant="light" title="Prescription signed">
        The patient is choosing a therapist.
      </Alert>
    );
  if (r.status === "awaiting_therapist")
    return (
      <Alert color="blue" variant="light" title="Waiting for the therapist">
        {r.therapist
          ? `${r.therapist.name} has been invited and has not answered yet.`
          : "A therapist was invited."}
      </Alert>
    );
  const closed = CLOSED_TITLES[r.status];
  if (!closed) return null;
  return (
    <Alert color="gray" variant="light" title={closed}>
      {r.closedReason ? `Reason: ${r.closedReason}` : "This referral is closed."}
    </Alert>
  );
}

function Prescriptions({ referral: r }: { referral: Referral }) {
  const current = r.currentPrescription;
  if (!current) return null;
  const earlier = r.prescriptions.filter((p) => p.id !== current.id).reverse();
  return (
    <>
      <PrescriptionCard
        prescription={current}
        referralId={r.id}
        title={earlier.length > 0 ? "Current prescription" : "Prescription"}
        printHref={`/referrals/${r.id}/prescription`}
      />
      {earlier.map((p) => (
        <PrescriptionCard
          key={p.id}
          prescription={p}
          referralId={r.id}
          title={`Earlier prescription, signed ${formatDate(p.signedAt)}`}
          printHref={`/referrals/${r.id}/prescription/${p.id}`}
        />
      ))}
    </>
  );
}

function ReferralReview({ referral: r }: { referral: Referral }) {
  const trpc = useTRPC();
  const [modal, setModal] = useState<ModalKind | null>(null);
  const done = (message: string) => ({
    referralId: r.id,
    onSuccess: () => notify({ color: "teal", message }),
  });
  const requestInfo = useReferralMutation(
    trpc.referral.requestInfo.mutationOptions(),
    done("Question sent to the patient"),
  );
  const decline = useReferralMutation(trpc.referral.decline.mutationOptions(), done("Referral declined"));
  const complete = useReferralMutation(
    trpc.referral.complete.mutationOptions(),
    done("Treatment marked complete"),
  );
  const discontinue = useReferralMutation(
    trpc.referral.discontinue.mutationOptions(),
    done("Treatment discontinued"),
  );
  const base = { referralId: r.id, expectedVersion: r.version };
  const inCare = isInCare(r.status);
  const close = () => setModal(null);

  const request = (
    <>
      <ReferralFacts referral={r} />
      <CoverageSummary coverage={r.coverage} />
    </>
  );

  return (
    <Stack gap="xl">
      <ReferralHeader
        referral={r}
        pageTitle="Referral"
        heading={r.patient.name}
        description={[
          patientLine(r.patient),
          kindLabel(r.kind),
          `requested ${formatDate(r.createdAt)}`,
          r.therapist ? `therapist ${r.therapist.name}` : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      />
      <NewSinceLastVisit referralId={r.id} />
      <StatusNote referral={r} />
      <ActionBar referral={r} onOpen={setModal} />
      {inCare ? (
        <>
          <PlanPanel referralId={r.id} />
          <SessionsPanel referralId={r.id} />
          <ScheduleAgainstPlan referralId={r.id} />
          <ProgressPanel referralId={r.id} />
          <Stack gap="xs">
            <JustificationSummary referralId={r.id} />
            <Anchor component={Link} to={`/referrals/${r.id}/justification`} fw={500}>
              Print justification
            </Anchor>
          </Stack>
          <LetterPanel referralId={r.id} canSign />
          <Prescriptions referral={r} />
          {request}
        </>
      ) : (
        <>
          {request}
          <Prescriptions referral={r} />
        </>
      )}
      <FilesPanel referralId={r.id} />
      <ReferralTimeline referralId={r.id} privateWith="patient" />

      <ActionModal
        opened={modal === "ask"}
        onClose={close}
        title="Ask for information"
        description={
          <Text size="sm">The patient sees your question and the request waits for their answer.</Text>
        }
        fieldLabel="Question"
        field="question"
        required
        submitLabel="Send question"
        maxLength={maxLengthOf(requestInfoSchema, "question") ?? undefined}
        validate={(question) => fieldError(requestInfoSchema, { ...base, question }, "question")}
        action={requestInfo}
        toInput={(question) => ({ ...base, question })}
      />
      <ActionModal
        opened={modal === "decline"}
        onClose={close}
        title="Decline the referral"
        description={<Text size="sm">Declining ends this request. The patient sees your reason.</Text>}
        fieldLabel="Reason"
        fieldDescription="Explain why massage therapy is not the right treatment, and what to do instead."
        field="reason"
        required
        color="red.9"
        submitLabel="Decline referral"
        maxLength={maxLengthOf(declineSchema, "reason") ?? undefined}
        validate={(reason) => fieldError(declineSchema, { ...base, reason }, "reason")}
        action={decline}
        toInput={(reason) => ({ ...base, reason })}
      />
      <ActionModal
        opened={modal === "complete"}
        onClose={close}
        title="Complete the treatment"
        description={
          <Text size="sm">The goals are met: treatment ends and no more sessions can be logged.</Text>
        }
        fieldLabel="Note"
        fieldDescription="Optional: a closing note for the patient and therapist."
        field="note"
        submitLabel="Complete treatment"
        maxLength={maxLengthOf(completeSchema, "note") ?? undefined}
        validate={(note) => fieldError(completeSchema, { ...base, note: note.trim() || undefined }, "note")}
        action={complete}
        toInput={(note) => ({ ...base, note: note.trim() || undefined })}
      />
      <ActionModal
        opened={modal === "discontinue"}
        onClose={close}
        title="Discontinue the treatment"
        description={<Text size="sm">Treatment stops now. The patient and therapist see your reason.</Text>}
        fieldLabel="Reason"
        field="reason"
        required
        color="red.9"
        submitLabel="Discontinue treatment"
        maxLength={maxLengthOf(discontinueSchema, "reason") ?? undefined}
        validate={(reason) => fieldError(discontinueSchema, { ...base, reason }, "reason")}
        action={discontinue}
        toInput={(reason) => ({ ...base, reason })}
      />
    </Stack>
  );
}

export default function ReferralPage() {
  // ReferralTimeline keeps the referral, plan, progress and sessions fresh as events arrive (live).
  const query = useReferralQuery();
  return <ReferralGate query={query}>{(r) => <ReferralReview referral={r} />}</ReferralGate>;
}
