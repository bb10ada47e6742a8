import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import {
  APPOINTMENT_LOCATION_LABELS,
  APPOINTMENT_LOCATIONS,
  type AvailabilitySetInput,
  SESSION_LENGTHS,
  WEEKDAY_LABELS,
} from "@mm/domain";
import { errorMessage, FormError, LoadingState, localToday, notify, useTRPC } from "@mm/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

type Draft = AvailabilitySetInput;

const DAY_OPTIONS = WEEKDAY_LABELS.map((label, i) => ({ value: String(i + 1), label }));
const LENGTH_OPTIONS = SESSION_LENGTHS.map((m) => ({ value: String(m), label: `${m} minutes` }));
const LOCATION_OPTIONS = APPOINTMENT_LOCATIONS.map((value) => ({
  value,
  label: APPOINTMENT_LOCATION_LABELS[value],
}));

/** Weekly hours in the therapist's own zone, time off, the late-cancel window and auto-confirm: saved as one. */
export function AvailabilityEditor() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.availability.get.queryOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
  const save = useMutation(
    trpc.availability.set.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.availability.get.queryKey(), saved);
        setDraft(null);
        notify({ color: "green", title: "Hours saved", message: "Patients can book these times now." });
        void queryClient.invalidateQueries();
      },
    }),
  );
  if (current.isPending) return <LoadingState label="Loading your hours" />;
  const value: Draft = draft ?? {
    timeZone: current.data?.timeZone ?? "UTC",
    windows: current.data?.windows ?? [],
    exceptions: current.data?.exceptions ?? [],
    lateCancelHours: current.data?.lateCancelHours ?? 24,
    autoConfirm: current.data?.autoConfirm ?? false,
  };
  const set = (patch: Partial<Draft>) => setDraft({ ...value, ...patch });
  const setWindow = (i: number, patch: Partial<Draft["windows"][number]>) =>
    set({ windows: value.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)) });
  const setException = (i: number, patch: Partial<Draft["exceptions"][number]>) =>
    set({ exceptions: value.exceptions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(value);
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="hours-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title id="hours-heading" order={2} size="h3">
            Weekly hours
          </Title>
          <Text size="sm">Patients see these as open times in their own time zone.</Text>
          <FormError message={save.isError ? errorMessage(save.error) : null} title="Hours not saved" />
          <TextInput
            label="Your time zone"
            description="For example America/New_York"
            value={value.timeZone}
            onChange={(e) => set({ timeZone: e.currentTarget.value })}
          />
          {value.windows.length === 0 ? <Text size="sm">No weekly hours yet.</Text> : null}
          {value.windows.map((w, i) => (
            <Paper key={`window-${i}-${w.dayOfWeek}`} withBorder p="sm" radius="sm">
              <Group align="flex-end" gap="sm" wrap="wrap">
                <Select
                  label="Day"
                  data={DAY_OPTIONS}
                  value={String(w.dayOfWeek)}
                  onChange={(d) => setWindow(i, { dayOfWeek: Number(d ?? 1) })}
                  allowDeselect={false}
                  w={140}
                />
                <TextInput
                  label="From"
                  type="time"
                  value={w.start}
                  onChange={(e) => setWindow(i, { start: e.currentTarget.value })}
                  w={120}
                />
                <TextInput
                  label="To"
                  type="time"
                  value={w.end}
                  onChange={(e) => setWindow(i, { end: e.currentTarget.value })}
                  w={120}
                />
                <MultiSelect
                  label="Session lengths"
                  data={LENGTH_OPTIONS}
                  value={w.sessionMinutes.map(String)}
                  onChange={(v) =>
                    setWindow(i, {
                      sessionMinutes: v.map(Number) as Draft["windows"][number]["sessionMinutes"],
                    })
                  }
                  w={220}
                />
                <Select
                  label="Where"
                  data={LOCATION_OPTIONS}
                  value={w.location}
                  onChange={(l) => setWindow(i, { location: (l ?? "clinic") as "clinic" | "home" })}
                  allowDeselect={false}
                  w={160}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={`Remove the ${WEEKDAY_LABELS[w.dayOfWeek - 1]} hours`}
                  onClick={() => set({ windows: value.windows.filter((_, j) => j !== i) })}
                >
                  ×
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Group>
            <Button
              variant="default"
              onClick={() =>
                set({
                  windows: [
                    ...value.windows,
                    { dayOfWeek: 1, start: "09:00", end: "17:00", sessionMinutes: [60], location: "clinic" },
                  ],
                })
              }
            >
              Add hours
            </Button>
          </Group>

          <Title order={3} size="h4">
            Time off
          </Title>
          {value.exceptions.map((x, i) => (
            <Group key={`off-${i}-${x.from}`} align="flex-end" gap="sm" wrap="wrap">
              <TextInput
                label="First day off"
                type="date"
                value={x.from}
                onChange={(e) => setException(i, { from: e.currentTarget.value })}
              />
              <TextInput
                label="Last day off"
                type="date"
                value={x.to}
                onChange={(e) => setException(i, { to: e.currentTarget.value })}
              />
              <Button
                variant="subtle"
                color="red"
                onClick={() => set({ exceptions: value.exceptions.filter((_, j) => j !== i) })}
              >
                Remove time off
              </Button>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              onClick={() => {
                // Time off is in the therapist's own zone, like the hours.
                const today = localToday(new Date(), { timeZone: value.timeZone });
                set({ exceptions: [...value.exceptions, { from: today, to: today }] });
              }}
            >
              Add time off
            </Button>
          </Group>

          <NumberInput
            label="Late-cancel window (hours)"
            description="A patient cancelling closer to the start than this is recorded as a late cancel."
            min={0}
            max={168}
            value={value.lateCancelHours}
            onChange={(v) => set({ lateCancelHours: typeof v === "number" ? v : Number(v) })}
            maw={320}
          />
          <Switch
            label="Confirm bookings automatically"
            checked={value.autoConfirm}
            onChange={(e) => set({ autoConfirm: e.currentTarget.checked })}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save hours
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
