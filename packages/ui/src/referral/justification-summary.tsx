import { Alert, Stack, Text } from "@mantine/core";
import { REMINDER_LABELS } from "@mm/domain";
import { useQuery } from "@tanstack/react-query";
import { EmptyState, ErrorState, LoadingState } from "../states";
import { useTRPC } from "../trpc";
import { FactList } from "./fact-list";
import { formatDateTime } from "./format";
import { GoalProgressTable } from "./goal-progress-table";
import { JustificationLetter } from "./justification-letter";
import { type HeadingOrder, Panel, subHeading } from "./panel";
import { attendanceFacts } from "./summary-facts";

type Props = {
  referralId: string;
  /** Show it as a letter of medical necessity with a print button (the page the browser saves as PDF). */
  printable?: boolean;
  headingOrder?: HeadingOrder;
};

/**
 * What justifies renewing or closing treatment: per goal baseline vs latest and progress toward the target, and
 * how regularly sessions happened.
 */
export function JustificationSummary({ referralId, printable = false, headingOrder = 2 }: Props) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.progress.summary.queryOptions({ referralId }));
  // The letter also needs the diagnoses and the physician, which live on the referral.
  const referral = useQuery({ ...trpc.referral.get.queryOptions({ id: referralId }), enabled: printable });
  const title = printable ? "Letter of medical necessity" : "Justification summary";
  const failed = summary.isError ? summary.error : printable && referral.isError ? referral.error : null;

  if (summary.isPending || (printable && referral.isPending))
    return (
      <Panel title={title} headingOrder={headingOrder}>
        <LoadingState label="Loading the summary" />
      </Panel>
    );
  if (failed || !summary.data)
    return (
      <Panel title={title} headingOrder={headingOrder}>
        <ErrorState
          error={failed}
          title="Could not load the summary"
          onRetry={() => {
            void summary.refetch();
            if (printable) void referral.refetch();
          }}
        />
      </Panel>
    );

  const data = summary.data;
  if (printable && referral.data)
    return <JustificationLetter summary={data} referral={referral.data} headingOrder={headingOrder} />;

  return (
    <Panel title={title} headingOrder={headingOrder}>
      <Stack gap="md">
        {data.reminder ? (
          <Alert color="blue" variant="light" title="Progress report due">
            {REMINDER_LABELS[data.reminder]}
          </Alert>
        ) : null}
        {data.goals.length > 0 ? (
          <GoalProgressTable
            goals={data.goals}
            caption="Each goal: baseline, latest and progress toward the target"
          />
        ) : (
          <EmptyState title="No goals yet" headingOrder={subHeading(headingOrder) as 3 | 4}>
            The summary compares each goal of the plan of care with the latest measurement, once there is a
            plan.
          </EmptyState>
        )}
        <FactList facts={attendanceFacts(data)} />
        <Text size="xs" c="dimmed">
          Figures as of {formatDateTime(data.generatedAt)}.
        </Text>
      </Stack>
    </Panel>
  );
}
