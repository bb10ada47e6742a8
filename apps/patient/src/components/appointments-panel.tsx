import { Badge, Button, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { APPOINTMENT_LOCATION_LABELS, APPOINTMENT_STATUS_LABELS, isLiveAppointment } from "@mm/domain";
import { EmptyState, ErrorState, errorMessage, FormError, LoadingState, notify, useTRPC } from "@mm/ui";
import { addDaysLocal, formatDateTime, localToday } from "@mm/ui/referral-page";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

const DAYS_AHEAD = 13;

/** "Tue, Mar 3" for the day an instant falls on in `timeZone`. */
const dayLabel = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone }).format(
    new Date(iso),
  );
const timeLabel = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone }).format(new Date(iso));

/**
 * The patient's appointments with their therapist and the open slots of the next two weeks, in the patient's own
 * zone. The server checks every booking against the prescription, the plan and the insurer's limits and names
 * the rule it breaks; the message is shown as it comes. Rescheduling picks one of the same open slots (same
 * length and place), checked by the server as a new booking.
 */
export function AppointmentsPanel({ referralId }: { referralId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const range = { referralId, from: localToday(), to: addDaysLocal(DAYS_AHEAD) };
  const slots = useQuery(trpc.appointment.slots.queryOptions(range));
  const mine = useQuery(trpc.appointment.list.queryOptions({ referralId }));
  const refresh = () => queryClient.invalidateQueries();
  const book = useMutation(
    trpc.appointment.book.mutationOptions({
      onSuccess: () => {
        notify({
          color: "green",
          title: "Appointment requested",
          message: "Your therapist will confirm it.",
        });
        void refresh();
      },
    }),
  );
  /** The appointment being moved: the open times below then reschedule it instead of booking. */
  const [moving, setMoving] = useState<{
    id: string;
    startsAt: string;
    minutes: number;
    location: string;
  } | null>(null);
  const reschedule = useMutation(
    trpc.appointment.reschedule.mutationOptions({
      onSuccess: (out) => {
        setMoving(null);
        notify({
          color: "green",
          title: "Appointment moved",
          message:
            out.appointment.status === "confirmed"
              ? "The new time is confirmed."
              : "Your therapist will confirm the new time.",
        });
        void refresh();
      },
    }),
  );
  const cancel = useMutation(
    trpc.appointment.cancel.mutationOptions({
      onSuccess: (out) => {
        notify({
          color: "green",
          title: out.appointment.status === "late_cancel" ? "Cancelled (late)" : "Appointment cancelled",
          message:
            out.appointment.status === "late_cancel"
              ? "This was inside your therapist's cancellation window, so it is recorded as a late cancel."
              : "The time is free again.",
        });
        void refresh();
      },
    }),
  );

  const zone = slots.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const upcoming = (mine.data ?? []).filter((a) => isLiveAppointment(a.status));
  const byDay = new Map<string, NonNullable<typeof slots.data>["slots"]>();
  for (const s of slots.data?.slots ?? []) {
    if (moving && (s.minutes !== moving.minutes || s.location !== moving.location)) continue;
    const key = dayLabel(s.startsAt, zone);
    byDay.set(key, [...(byDay.get(key) ?? []), s]);
  }

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="appointments-heading">
      <Stack gap="md">
        <Title id="appointments-heading" order={2} size="h3">
          Appointments
        </Title>
        <FormError message={book.isError ? errorMessage(book.error) : null} title="Not booked" />
        <FormError message={cancel.isError ? errorMessage(cancel.error) : null} title="Not cancelled" />
        <FormError message={reschedule.isError ? errorMessage(reschedule.error) : null} title="Not moved" />
        <Stack gap="sm">
          <Title order={3} size="h4">
            Your appointments
          </Title>
          {mine.isPending ? (
            <LoadingState label="Loading your appointments" />
          ) : mine.isError ? (
            <ErrorState error={mine.error} />
          ) : upcoming.length === 0 ? (
            <Text size="sm">No appointments booked yet. Pick a time below.</Text>
          ) : (
            <List listStyleType="none" spacing="sm" aria-label="Your appointments">
              {upcoming.map((a) => (
                <List.Item key={a.id}>
                  <Group gap="sm" wrap="wrap">
                    <Text fw={600}>{formatDateTime(a.startsAt, { timeZone: zone })}</Text>
                    <Text size="sm">
                      {a.minutes} min · {APPOINTMENT_LOCATION_LABELS[a.location]}
                    </Text>
                    <Badge
                      variant="light"
                      color={a.status === "confirmed" ? "green" : "blue"}
                      // Mantine's light green text is below 4.5:1 on its own background.
                      c={a.status === "confirmed" ? "#1b5e2a" : undefined}
                    >
                      {APPOINTMENT_STATUS_LABELS[a.status]}
                    </Badge>
                    <Button
                      component="a"
                      href={`/calendar/appointments/${a.id}.ics`}
                      download
                      variant="default"
                      size="xs"
                      aria-label={`Add to my calendar: appointment on ${formatDateTime(a.startsAt, { timeZone: zone })}`}
                    >
                      Add to my calendar
                    </Button>
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => {
                        reschedule.reset();
                        setMoving(a);
                      }}
                      aria-label={`Reschedule: appointment on ${formatDateTime(a.startsAt, { timeZone: zone })}`}
                    >
                      Reschedule
                    </Button>
                    <Button
                      variant="subtle"
                      color="red"
                      size="xs"
                      loading={cancel.isPending && cancel.variables?.appointmentId === a.id}
                      onClick={() => cancel.mutate({ appointmentId: a.id })}
                      aria-label={`Cancel: appointment on ${formatDateTime(a.startsAt, { timeZone: zone })}`}
                    >
                      Cancel
                    </Button>
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
        <Stack gap="sm">
          <Title order={3} size="h4">
            {moving
              ? `Choose a new time for ${formatDateTime(moving.startsAt, { timeZone: zone })}`
              : "Book a session"}
          </Title>
          <Text size="sm" c="dimmed">
            Times are shown in your time zone ({zone}).
          </Text>
          {moving ? (
            <Group>
              <Button variant="default" size="xs" onClick={() => setMoving(null)}>
                Keep the current time
              </Button>
            </Group>
          ) : null}
          {slots.isPending ? (
            <LoadingState label="Loading open times" />
          ) : slots.isError ? (
            <ErrorState error={slots.error} />
          ) : byDay.size === 0 ? (
            <EmptyState title="No open times in the next two weeks" headingOrder={4}>
              Your therapist has not published hours for these days yet. Send them a message below.
            </EmptyState>
          ) : (
            [...byDay.entries()].map(([day, daySlots]) => (
              <Stack key={day} gap={4}>
                <Text fw={600} component="h4" size="sm">
                  {day}
                </Text>
                <Group gap="xs" wrap="wrap">
                  {daySlots.map((s) => (
                    <Button
                      key={`${s.startsAt}-${s.minutes}`}
                      variant="light"
                      size="xs"
                      loading={
                        (book.isPending && book.variables?.startsAt === s.startsAt) ||
                        (reschedule.isPending && reschedule.variables?.startsAt === s.startsAt)
                      }
                      disabled={book.isPending || reschedule.isPending}
                      aria-label={`${moving ? "Move to" : "Book on"} ${day} at ${timeLabel(s.startsAt, zone)} · ${s.minutes} min (${APPOINTMENT_LOCATION_LABELS[s.location].toLowerCase()})`}
                      onClick={() =>
                        moving
                          ? reschedule.mutate({ appointmentId: moving.id, startsAt: s.startsAt })
                          : book.mutate({
                              referralId,
                              startsAt: s.startsAt,
                              minutes: s.minutes as 60,
                              location: s.location,
                            })
                      }
                    >
                      {timeLabel(s.startsAt, zone)} · {s.minutes} min
                    </Button>
                  ))}
                </Group>
              </Stack>
            ))
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}
