import { Alert, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { ErrorState, LoadingState, useTRPC } from "@mm/ui";
import { formatDay, plural } from "@mm/ui/referral-page";
import { useQuery } from "@tanstack/react-query";

/**
 * The schedule against the plan: per prescription week, the visits booked, attended, missed and cancelled next to
 * the prescribed sessions per week, and an alert when the patient is falling behind (days are the patient's).
 */
export function ScheduleAgainstPlan({ referralId }: { referralId: string }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.appointment.scheduleSummary.queryOptions({ referralId }));
  const s = summary.data;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="schedule-plan-heading">
      <Stack gap="sm">
        <Title id="schedule-plan-heading" order={2} size="h3">
          Schedule against the plan
        </Title>
        {summary.isPending ? (
          <LoadingState label="Loading the schedule" />
        ) : summary.isError ? (
          <ErrorState error={summary.error} />
        ) : !s?.prescription ? (
          <Text size="sm">No prescription yet: there is no schedule to compare.</Text>
        ) : (
          <>
            {s.alert ? (
              <Alert color="orange" variant="light" title="The patient may be falling behind">
                {s.alert.message}
              </Alert>
            ) : null}
            <Text size="sm">
              {plural(s.prescription.attended, "session")} attended and {s.prescription.booked} booked of{" "}
              {s.prescription.totalSessions} authorized; {s.prescription.sessionsPerWeek} per week prescribed.
            </Text>
            <Table.ScrollContainer minWidth={520}>
              <Table withTableBorder striped verticalSpacing="xs">
                <Table.Caption>Visits per prescription week (the patient's days)</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Week</Table.Th>
                    <Table.Th scope="col">Prescribed</Table.Th>
                    <Table.Th scope="col">Booked</Table.Th>
                    <Table.Th scope="col">Attended</Table.Th>
                    <Table.Th scope="col">Missed</Table.Th>
                    <Table.Th scope="col">Cancelled</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {s.weeks.map((w) => (
                    <Table.Tr key={w.week}>
                      <Table.Th scope="row" fw={500}>
                        {w.week}: {formatDay(w.from)} to {formatDay(w.to)}
                      </Table.Th>
                      <Table.Td>{w.prescribed}</Table.Td>
                      <Table.Td>{w.booked}</Table.Td>
                      <Table.Td>{w.attended}</Table.Td>
                      <Table.Td>{w.noShow}</Table.Td>
                      <Table.Td>{w.cancelled}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
