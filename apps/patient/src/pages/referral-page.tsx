import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { STATUS_DESCRIPTIONS } from "@mm/domain";
import { CalendarFeedPanel, PageHeader, useTRPC } from "@mm/ui";
import {
  CoverageSummary,
  FilesPanel,
  LetterPanel,
  NewSinceLastVisit,
  PlanPanel,
  PrescriptionCard,
  ProgressPanel,
  type Referral,
  ReferralFacts,
  ReferralTimeline,
  StatusBadge,
  SuperbillPanel,
} from "@mm/ui/referral";
import { asSentence, formatDate, ReferralGate, useReferralQuery } from "@mm/ui/referral-page";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { AnswerQuestion } from "../components/answer-question";
import { AppointmentsPanel } from "../components/appointments-panel";
import { EndReferralButton } from "../components/end-referral";
import { ProgressReportForm } from "../components/progress-report-form";
import { PATIENT_GATE_TEXT, regionsText } from "../lib/referral-text";

export default function ReferralPage() {
  const query = useReferralQuery();
  return (
    <ReferralGate query={query} text={PATIENT_GATE_TEXT}>
      {(referral) => <ReferralDetail referral={referral} />}
    </ReferralGate>
  );
}

/** The highlighted "what to do next" box at the top of the page. */
function NextStep({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper
      withBorder
      p={{ base: "md", sm: "lg" }}
      radius="md"
      bg="blue.0"
      component="section"
      aria-labelledby="next-step"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="next-step">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function NextStepFor({ referral }: { referral: Referral }) {
  const can = (action: string) => referral.allowedActions.includes(action as never);
  switch (referral.status) {
    case "needs_info":
      return (
        <NextStep title="Answer your physician's question">
          <AnswerQuestion referral={referral} />
        </NextStep>
      );
    case "prescribed": {
      const turnedDown = referral.invitations.filter((i) => i.status === "turned_down").at(-1);
      return (
        <NextStep title="Choose a therapist">
          {turnedDown ? (
            <Alert
              color="orange"
              variant="light"
              title={`${turnedDown.therapistName} can't take this referral`}
            >
              {turnedDown.reason ? `Their reason: ${asSentence(turnedDown.reason)} ` : ""}Please choose
              another therapist.
            </Alert>
          ) : null}
          <Text>
            Your physician signed a prescription. Choose a licensed therapist near you; we show who your
            insurance and prescription allow.
          </Text>
          {can("chooseTherapist") ? (
            <Group>
              <Button component={Link} to={`/referrals/${referral.id}/therapists`} size="md">
                Choose a therapist
              </Button>
            </Group>
          ) : null}
        </NextStep>
      );
    }
    case "awaiting_therapist":
      return (
        <NextStep title="Waiting for your therapist">
          <Text>
            {referral.therapist?.name ?? "Your therapist"} has your prescription and will accept or turn it
            down. You'll see their answer here.
          </Text>
        </NextStep>
      );
    case "planning":
      return <PlanningStep referralId={referral.id} />;
    case "active":
      return (
        <NextStep title="How do you feel today?">
          <ProgressReportForm referral={referral} />
        </NextStep>
      );
    case "declined":
    case "cancelled":
    case "discontinued":
      return referral.closedReason ? (
        <NextStep title={referral.status === "declined" ? "Your physician's reason" : "Reason given"}>
          <Text style={{ whiteSpace: "pre-wrap" }}>{referral.closedReason}</Text>
          {referral.status === "declined" ? (
            <Group>
              <Button component={Link} to="/referrals/new" variant="default" size="md">
                Start a new request
              </Button>
            </Group>
          ) : null}
        </NextStep>
      ) : null;
    default:
      return null;
  }
}

/** Planning: what the patient waits for, or (once both clinicians approved) what they need to do. */
function PlanningStep({ referralId }: { referralId: string }) {
  const trpc = useTRPC();
  const plan = useQuery(trpc.plan.get.queryOptions({ referralId }));
  const approvals = plan.data?.content ? plan.data.approvals : null;
  if (approvals?.physicianApproved && approvals.therapistApproved && !approvals.patientAcknowledged) {
    return (
      <NextStep title="Read your plan of care and confirm">
        <Text>
          Your physician and therapist approved your plan of care. Read it below, then press "I have read this
          plan". Treatment starts then.
        </Text>
      </NextStep>
    );
  }
  return (
    <NextStep title="Your plan of care is being written">
      <Text>
        {approvals
          ? "Your physician and therapist are still agreeing on it. You can read the draft below; you'll be asked to confirm you have read it once they both approve it."
          : "Your physician and therapist are agreeing on goals and how often you'll meet. You'll be asked to read it and confirm. Then treatment starts."}
      </Text>
    </NextStep>
  );
}

function ReferralDetail({ referral }: { referral: Referral }) {
  const can = (action: string) => referral.allowedActions.includes(action as never);
  const showPlan = ["planning", "active", "completed", "discontinued", "expired"].includes(referral.status);
  const showProgress =
    ["active", "completed", "expired"].includes(referral.status) ||
    (referral.status === "discontinued" && referral.prescriptions.length > 0);
  const current = referral.currentPrescription;
  const earlier = referral.prescriptions.filter((p) => p.id !== current?.id).reverse();

  return (
    <Stack gap="lg">
      <PageHeader
        title={`Referral to ${referral.physician.name}`}
        description={STATUS_DESCRIPTIONS[referral.status]}
      />
      <Group gap="sm" align="center">
        <StatusBadge status={referral.status} />
        <Text size="sm" c="dimmed">
          {regionsText(referral.bodyRegions)} · sent {formatDate(referral.createdAt)}
          {referral.therapist ? ` · therapist ${referral.therapist.name}` : ""}
        </Text>
      </Group>
      <NewSinceLastVisit referralId={referral.id} />

      <NextStepFor referral={referral} />

      {referral.status === "active" ? <AppointmentsPanel referralId={referral.id} /> : null}
      {referral.status === "active" ? <CalendarFeedPanel /> : null}
      {showPlan ? <PlanPanel referralId={referral.id} /> : null}
      {showProgress ? <ProgressPanel referralId={referral.id} /> : null}
      {showProgress ? <LetterPanel referralId={referral.id} canSign={false} /> : null}
      {showProgress ? <SuperbillPanel referralId={referral.id} /> : null}
      <FilesPanel referralId={referral.id} />

      {current ? (
        <PrescriptionCard
          prescription={current}
          referralId={referral.id}
          printHref={`/referrals/${referral.id}/prescription`}
        />
      ) : null}
      {earlier.map((p) => (
        <PrescriptionCard key={p.id} prescription={p} referralId={referral.id} title="Earlier prescription" />
      ))}

      <ReferralTimeline referralId={referral.id} privateWith="physician" />
      <ReferralFacts referral={referral} title="What you told your physician" />
      <Stack gap="xs">
        <CoverageSummary coverage={referral.coverage} title="Your insurance" />
        <Group>
          <Anchor component={Link} to="/insurance">
            {referral.coverage ? "Update your insurance" : "Add your insurance"}
          </Anchor>
        </Group>
      </Stack>

      {can("cancel") || can("withdraw") ? (
        <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="change-heading">
          <Stack gap="sm" align="flex-start">
            <Title order={2} size="h3" id="change-heading">
              Changed your mind?
            </Title>
            <Text>
              {can("cancel")
                ? "You can cancel this request until your therapist accepts it."
                : "You can stop treatment at any time. Please tell your care team why."}
            </Text>
            {can("cancel") ? <EndReferralButton referral={referral} kind="cancel" /> : null}
            {can("withdraw") ? <EndReferralButton referral={referral} kind="withdraw" /> : null}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
