import { Alert, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { CLOSED_STATUS_TITLES, inCare as isInCare, progressShareSchema, turnDownSchema } from "@mm/domain";
import { notify, pendingVerificationText, useMe, useTRPC, WRAP_LABEL } from "@mm/ui";
import { maxLengthOf } from "@mm/ui/forms";
import {
  CoverageSummary,
  FilesPanel,
  NewSinceLastVisit,
  PlanPanel,
  PrescriptionCard,
  ProgressPanel,
  ReferralFacts,
  ReferralTimeline,
  SessionList,
} from "@mm/ui/referral";
import {
  ActionModal,
  fieldError,
  formatDate,
  formatDay,
  kindLabel,
  patientLine,
  type Referral,
  ReferralGate,
  ReferralHeader,
  useReferralMutation,
  useReferralQuery,
} from "@mm/ui/referral-page";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Link, useNavigate } from "react-router";
import { MissedVisitButton } from "../components/missed-visit";
import { SessionAddendum } from "../components/session-addendum";

const CLOSED_TITLES = CLOSED_STATUS_TITLES.therapist;

/** A titled panel like the shared ones, for what only the therapist portal shows. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="lg" radius="md">
      <Stack gap="md">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** Accept or turn down: only while invited, and only once verified. */
function Invitation({ referral: r, onTurnDown }: { referral: Referral; onTurnDown: () => void }) {
  const me = useMe();
  const trpc = useTRPC();
  const accept = useReferralMutation(trpc.referral.accept.mutationOptions(), {
    referralId: r.id,
    errorTitle: "Could not answer the invitation",
    onSuccess: () => notify({ color: "teal", message: "Referral accepted. Next: the plan of care." }),
  });
  const onAccept = () => void accept.run({ referralId: r.id, expectedVersion: r.version });
  const pending = me.pendingVerification;
  return (
    <Paper withBorder p="md" radius="md" bg="blue.0" component="section" aria-labelledby="invitation-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="invitation-heading">
          Invitation
        </Title>
        <Text size="sm">
          {r.patient.name} chose you for this prescribed referral from {r.physician.name}. Check the
          prescription, precautions and disclosed conditions below, then accept or turn it down.
        </Text>
        {accept.alert}
        <Group gap="sm">
          <Button
            onClick={onAccept}
            loading={accept.pending}
            disabled={pending}
            aria-describedby={pending ? "accept-pending" : undefined}
          >
            Accept
          </Button>
          <Button variant="default" onClick={onTurnDown} disabled={accept.pending}>
            Turn down
          </Button>
        </Group>
        {pending ? (
          <Text size="sm" c="dimmed" id="accept-pending">
            {pendingVerificationText("therapist")}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Sessions used, the reminder, and the actions of treatment. */
function Treatment({ referral: r, onShare }: { referral: Referral; onShare: () => void }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.progress.summary.queryOptions({ referralId: r.id }));
  const canLog = r.allowedActions.includes("logSession");
  const canReport = r.allowedActions.includes("report");
  const canRecordMissed = r.allowedActions.includes("recordMissedVisit");
  const s = summary.data;
  return (
    <Stack gap="sm">
      {s?.reminder === "progress_report_due" && canReport ? (
        <Alert color="orange" variant="light" title="Progress report due">
          {s.lastProgressReportAt
            ? `Your last report to the physician was on ${formatDate(s.lastProgressReportAt)}.`
            : "You have not sent the physician a progress report yet."}{" "}
          Reports are due every 6 sessions or 30 days.
        </Alert>
      ) : null}
      <Group justify="space-between" align="center">
        <Text size="sm" aria-live="polite">
          {s
            ? `${s.sessions.used} of ${s.sessions.authorized} authorized sessions used${s.prescription ? ` · prescription valid to ${formatDay(s.prescription.expiresOn)}` : ""}${s.visits.perYear != null ? ` · insurer visits this year: ${s.visits.usedThisYear} of ${s.visits.perYear}` : ""}`
            : ""}
        </Text>
        <Group gap="sm" miw={0}>
          {canLog ? (
            <Button component={Link} to={`/referrals/${r.id}/sessions/new`}>
              Log a session
            </Button>
          ) : null}
          {canRecordMissed ? <MissedVisitButton referral={r} /> : null}
          {canReport ? (
            <Button variant="default" onClick={onShare} styles={WRAP_LABEL}>
              Send progress report to physician
            </Button>
          ) : null}
        </Group>
      </Group>
      {r.status === "planning" ? (
        <Text size="sm" c="dimmed">
          Sessions can be logged once the plan of care is approved by you and the physician and acknowledged
          by the patient.
        </Text>
      ) : null}
    </Stack>
  );
}

function ReferralView({ referral: r }: { referral: Referral }) {
  const trpc = useTRPC();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [modal, setModal] = useState<"turnDown" | "share" | null>(null);
  const base = { referralId: r.id, expectedVersion: r.version };
  const turnDown = useReferralMutation(trpc.referral.turnDown.mutationOptions(), {
    referralId: r.id,
    onSuccess: () => {
      notify({ message: "Invitation turned down. The patient will choose another therapist." });
      // Turning down ends this therapist's access to the referral.
      navigate("/referrals");
      queryClient.removeQueries({ queryKey: trpc.referral.get.queryKey({ id: r.id }) });
    },
  });
  const share = useReferralMutation(trpc.progress.share.mutationOptions(), {
    referralId: r.id,
    onSuccess: () => notify({ color: "teal", message: "Progress report sent to the physician" }),
  });
  const invited = r.allowedActions.includes("accept");
  const inCare = isInCare(r.status);
  const closed = CLOSED_TITLES[r.status];
  const rx = r.currentPrescription;

  const prescription = rx ? (
    <PrescriptionCard prescription={rx} referralId={r.id} title="Prescription and precautions" />
  ) : null;
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
          `referred by ${r.physician.name}`,
          `requested ${formatDate(r.createdAt)}`,
        ]
          .filter(Boolean)
          .join(" · ")}
      />
      <NewSinceLastVisit referralId={r.id} />
      {closed ? (
        <Alert color="gray" variant="light" title={closed}>
          {r.closedReason ? `Reason: ${r.closedReason}` : "This referral is closed."}
        </Alert>
      ) : null}
      {invited ? <Invitation referral={r} onTurnDown={() => setModal("turnDown")} /> : null}
      {inCare ? (
        <>
          <PlanPanel referralId={r.id} />
          <Section title="Sessions">
            <Treatment referral={r} onShare={() => setModal("share")} />
            <SessionList
              referralId={r.id}
              actions={(s) =>
                s.therapistId === me.user.id ? <SessionAddendum session={s} referral={r} /> : null
              }
            />
          </Section>
          <ProgressPanel referralId={r.id} />
          {prescription}
          {request}
        </>
      ) : (
        <>
          {prescription}
          {request}
        </>
      )}
      <FilesPanel referralId={r.id} />
      <ReferralTimeline referralId={r.id} />

      <ActionModal
        opened={modal === "turnDown"}
        onClose={() => setModal(null)}
        title="Turn down the invitation"
        description={<Text size="sm">The patient sees your reason and chooses another therapist.</Text>}
        fieldLabel="Reason"
        field="reason"
        required
        color="red.9"
        submitLabel="Turn down"
        maxLength={maxLengthOf(turnDownSchema, "reason") ?? undefined}
        validate={(reason) => fieldError(turnDownSchema, { ...base, reason }, "reason")}
        action={turnDown}
        toInput={(reason) => ({ ...base, reason })}
      />
      <ActionModal
        opened={modal === "share"}
        onClose={() => setModal(null)}
        title="Send a progress report to the physician"
        description={
          <Text size="sm">
            Your note goes to {r.physician.name} on the timeline, with the current goal figures and sessions
            used attached.
          </Text>
        }
        fieldLabel="Progress note"
        fieldDescription="How treatment is going, changes you recommend, anything the physician should know."
        field="note"
        required
        submitLabel="Send report"
        maxLength={maxLengthOf(progressShareSchema, "note") ?? undefined}
        validate={(note) => fieldError(progressShareSchema, { ...base, note }, "note")}
        action={share}
        toInput={(note) => ({ ...base, note })}
      />
    </Stack>
  );
}

export default function ReferralPage() {
  // ReferralTimeline keeps the referral, plan, progress and sessions fresh as events arrive (live).
  const query = useReferralQuery();
  return <ReferralGate query={query}>{(r) => <ReferralView referral={r} />}</ReferralGate>;
}
