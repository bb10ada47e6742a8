import { Badge, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { APPOINTMENT_LOCATION_LABELS, APPOINTMENT_STATUS_LABELS, isLiveAppointment } from "@mm/domain";
import {
  CalendarFeedPanel,
  ErrorState,
  errorMessage,
  FormError,
  LoadingState,
  notify,
  PageHeader,
  useTRPC,
} from "@mm/ui";
import { formatDateTime } from "@mm/ui/referral-page";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { AvailabilityEditor } from "../components/availability-editor";
import { WeekCalendar } from "../components/week-calendar";

/** The therapist's schedule: the week on a calendar, requests to confirm or decline, and their weekly hours. */
export default function SchedulePage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const hours = useQuery(trpc.availability.get.queryOptions());
  const week = useQuery({ ...trpc.appointment.list.queryOptions(range ?? {}), enabled: range !== null });
  const upcoming = useQuery(
    trpc.appointment.list.queryOptions({ from: `${new Date().toISOString().slice(0, 10)}T00:00:00Z` }),
  );
  const done = (title: string) => () => {
    notify({ color: "green", title, message: "The patient has been told." });
    void queryClient.invalidateQueries();
  };
  const confirm = useMutation(
    trpc.appointment.confirm.mutationOptions({ onSuccess: done("Appointment confirmed") }),
  );
  const decline = useMutation(
    trpc.appointment.decline.mutationOptions({ onSuccess: done("Request declined") }),
  );
  const cancel = useMutation(
    trpc.appointment.cancel.mutationOptions({ onSuccess: done("Appointment cancelled") }),
  );
  const zone = hours.data?.timeZone ?? "UTC";
  const live = (upcoming.data ?? []).filter((a) => isLiveAppointment(a.status));
  const missed = useMutation(
    trpc.appointment.markNoShow.mutationOptions({ onSuccess: done("Marked missed") }),
  );
  const failed = [confirm, decline, cancel, missed].find((m) => m.isError);

  return (
    <Stack gap="lg">
      <PageHeader title="Schedule" description="Your appointments and the hours patients can book." />
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="upcoming-heading">
        <Stack gap="sm">
          <Title id="upcoming-heading" order={2} size="h3">
            Upcoming appointments
          </Title>
          <FormError message={failed ? errorMessage(failed.error) : null} title="Not changed" />
          {upcoming.isPending ? (
            <LoadingState label="Loading your appointments" />
          ) : upcoming.isError ? (
            <ErrorState error={upcoming.error} />
          ) : live.length === 0 ? (
            <Text size="sm">No upcoming appointments.</Text>
          ) : (
            <List listStyleType="none" spacing="sm" aria-label="Upcoming appointments">
              {live.map((a) => {
                const when = formatDateTime(a.startsAt, { timeZone: zone });
                return (
                  <List.Item key={a.id}>
                    <Group gap="sm" wrap="wrap">
                      <Text fw={600}>{when}</Text>
                      <Text size="sm">
                        <Link to={`/referrals/${a.referralId}`}>{a.patientName}</Link> · {a.minutes} min ·{" "}
                        {APPOINTMENT_LOCATION_LABELS[a.location]}
                      </Text>
                      <Badge
                        variant="light"
                        color={a.status === "confirmed" ? "green" : "blue"}
                        // Mantine's light green text is below 4.5:1 on its own background.
                        c={a.status === "confirmed" ? "#1b5e2a" : undefined}
                      >
                        {APPOINTMENT_STATUS_LABELS[a.status]}
                      </Badge>
                      {a.status === "requested" ? (
                        <>
                          <Button
                            size="xs"
                            onClick={() => confirm.mutate({ appointmentId: a.id })}
                            aria-label={`Confirm ${a.patientName} on ${when}`}
                          >
                            Confirm
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => decline.mutate({ appointmentId: a.id })}
                            aria-label={`Decline ${a.patientName} on ${when}`}
                          >
                            Decline
                          </Button>
                        </>
                      ) : Date.parse(a.startsAt) <= Date.now() ? (
                        <>
                          <Button
                            size="xs"
                            component={Link}
                            to={`/referrals/${a.referralId}/sessions/new?appointment=${a.id}`}
                            aria-label={`Log this session: ${a.patientName} on ${when}`}
                          >
                            Log this session
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => missed.mutate({ appointmentId: a.id })}
                            aria-label={`Mark missed: ${a.patientName} on ${when}`}
                          >
                            Mark missed
                          </Button>
                        </>
                      ) : (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => cancel.mutate({ appointmentId: a.id })}
                          aria-label={`Cancel ${a.patientName} on ${when}`}
                        >
                          Cancel
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="subtle"
                        component="a"
                        href={`/calendar/appointments/${a.id}.ics`}
                        download
                        aria-label={`Add to my calendar: ${a.patientName} on ${when}`}
                      >
                        Add to my calendar
                      </Button>
                    </Group>
                  </List.Item>
                );
              })}
            </List>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="week-heading">
        <Stack gap="sm">
          <Title id="week-heading" order={2} size="h3">
            This week
          </Title>
          {hours.isPending ? (
            <LoadingState label="Loading your calendar" />
          ) : (
            <WeekCalendar items={week.data ?? []} timeZone={zone} onRangeChange={setRange} />
          )}
        </Stack>
      </Paper>
      <AvailabilityEditor />
      <CalendarFeedPanel />
    </Stack>
  );
}
