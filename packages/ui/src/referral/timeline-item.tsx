import { Badge, Group, Stack, Text } from "@mantine/core";
import { TIMELINE_EVENT_LABELS, type TimelineEventType } from "@mm/domain";
import { formatDateTime, fromNow } from "./format";
import { TimelineDetails } from "./timeline-details";
import type { TimelineEvent } from "./types";

const ROLE_LABELS: Record<string, string> = {
  patient: "Patient",
  physician: "Physician",
  therapist: "Therapist",
  admin: "Operator",
};

export function actorName(event: TimelineEvent): string {
  if (event.actorRole === "system") return "Automatic update";
  return event.actorName ?? "Someone";
}

/** "Dr. Chen signed a prescription"; system events read "Automatic update: ...". */
export function eventSentence(event: TimelineEvent): string {
  const label = TIMELINE_EVENT_LABELS[event.type as TimelineEventType] ?? event.type.replaceAll("_", " ");
  if (event.actorRole === "system") return `Automatic update: ${label}`;
  return `${actorName(event)} ${label}`;
}

/** `isNew`: newer than the viewer's last visit to the referral (marked, and linked from the timeline's top). */
export function TimelineItem({
  event,
  now,
  isNew = false,
}: {
  event: TimelineEvent;
  now: Date;
  isNew?: boolean;
}) {
  const system = event.actorRole === "system";
  const role = ROLE_LABELS[event.actorRole];
  const label = TIMELINE_EVENT_LABELS[event.type as TimelineEventType] ?? event.type.replaceAll("_", " ");
  const at = formatDateTime(event.createdAt);
  return (
    <li
      id={`timeline-event-${event.seq}`}
      data-system={system ? "" : undefined}
      data-event-type={event.type}
      data-new={isNew ? "" : undefined}
    >
      <Stack gap={4}>
        <Group gap={6} wrap="wrap" align="baseline">
          <Text fw={600} size="sm">
            {actorName(event)}
          </Text>
          {role ? (
            <Badge size="xs" variant="outline" color="gray" c="gray.8">
              {role}
            </Badge>
          ) : null}
          <Text size="sm">{label}</Text>
          {isNew ? (
            <Badge size="xs" variant="filled" color="blue.8">
              New
            </Badge>
          ) : null}
          {event.type === "private_message_posted" ? (
            <Badge size="xs" variant="light" color="grape" c="grape.9">
              Private: patient and physician only
            </Badge>
          ) : null}
        </Group>
        <TimelineDetails event={event} />
        <Text size="xs" c="dimmed">
          <time dateTime={event.createdAt} title={at}>
            {fromNow(event.createdAt, now)} · {at}
          </time>
        </Text>
      </Stack>
    </li>
  );
}
