import { List, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense } from "react";
import { formatDateTime } from "../dates";
import { useOptionalMe } from "../me";
import { EmptyState, ErrorState, LoadingState } from "../states";
import { useTRPC } from "../trpc";
import { UserText } from "./fact-list";
import { type HeadingOrder, Panel, subHeading } from "./panel";
import type { ProgressSeries } from "./types";
import { UsageSummary } from "./usage-summary";

// recharts is the biggest dependency of the portals: it loads only when a progress panel renders.
const ProgressCharts = lazy(() => import("./progress-charts"));

/** The patient's own words on their progress reports, newest first: for the physician and therapist to read. */
function PatientNotes({
  notes,
  titleOrder,
}: {
  notes: ProgressSeries["patientNotes"];
  titleOrder: 3 | 4 | 5;
}) {
  const own = useOptionalMe()?.user.role === "patient";
  const title = own ? "Your notes" : "In the patient's words";
  return (
    <Stack gap="xs">
      <Title order={titleOrder} size="h4">
        {title}
      </Title>
      {notes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {own ? "Notes you add to a progress report show here." : "No notes on the patient's reports yet."}
        </Text>
      ) : (
        <List size="sm" spacing="xs" aria-label={title}>
          {[...notes].reverse().map((n) => (
            <List.Item key={`${n.at}-${n.note.slice(0, 16)}`}>
              <Text span size="sm" c="dimmed">
                <time dateTime={n.at}>{formatDateTime(n.at)}</time>:
              </Text>{" "}
              <UserText>{n.note}</UserText>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** Each goal's measure over time against its target, sessions and insurer visits used, and warnings. */
export function ProgressPanel({
  referralId,
  headingOrder = 2,
}: {
  referralId: string;
  headingOrder?: HeadingOrder;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.progress.series.queryOptions({ referralId }));
  const series = query.data;
  const sub = subHeading(headingOrder);

  let content: ReactNode;
  if (query.isPending) content = <LoadingState label="Loading progress" />;
  else if (query.isError || !series)
    content = (
      <ErrorState error={query.error} title="Could not load progress" onRetry={() => query.refetch()} />
    );
  else if (!series.prescription && series.goals.length === 0)
    content = (
      <EmptyState title="No progress to show yet" headingOrder={sub as 3 | 4}>
        Progress appears once a prescription is signed and the plan of care sets goals.
      </EmptyState>
    );
  else
    content = (
      <Stack gap="lg">
        <UsageSummary usage={series} />
        <Title order={sub} size="h4">
          Goals over time
        </Title>
        <Suspense fallback={<LoadingState label="Loading charts" />}>
          <ProgressCharts series={series} titleOrder={Math.min(sub + 1, 5) as 4 | 5} />
        </Suspense>
        <PatientNotes notes={series.patientNotes} titleOrder={sub} />
      </Stack>
    );

  return (
    <Panel title="Progress" headingOrder={headingOrder}>
      {content}
    </Panel>
  );
}
