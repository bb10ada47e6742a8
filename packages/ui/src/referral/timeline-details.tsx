import { List, Text } from "@mantine/core";
import { CPT_LABELS, type ReferralStatus, STATUS_LABELS, VISIT_OUTCOME_LABELS } from "@mm/domain";
import type { ReactNode } from "react";
import { formatDateTime } from "../dates";
import { UserText } from "./fact-list";
import { formatDay, labelOf, plural, readableDays } from "./format";
import type { TimelineEvent } from "./types";

type Data = Record<string, unknown>;

// Event data is JSON written by the server per event type; read it defensively, field by field.
const str = (d: Data, key: string): string | null => (typeof d[key] === "string" ? (d[key] as string) : null);
const num = (d: Data, key: string): number | null => (typeof d[key] === "number" ? (d[key] as number) : null);
const strings = (d: Data, key: string): string[] =>
  Array.isArray(d[key]) ? (d[key] as unknown[]).filter((x): x is string => typeof x === "string") : [];

function Quote({ label, text }: { label: string; text: string | null }) {
  if (!text) return null;
  return (
    <Text size="sm">
      <Text span fw={600}>
        {label}:
      </Text>{" "}
      <UserText>{text}</UserText>
    </Text>
  );
}

function sessionLine(d: Data): string | null {
  const parts: string[] = [];
  const n = num(d, "sessionNumber");
  const of = num(d, "authorized");
  if (n !== null) parts.push(of !== null ? `Session ${n} of ${of}` : `Session ${n}`);
  const minutes = num(d, "minutes");
  if (minutes !== null) parts.push(plural(minutes, "minute"));
  const units = num(d, "units");
  const cpt = str(d, "cptCode");
  // The code with its meaning: "2 units of massage therapy (CPT 97124)".
  if (units !== null)
    parts.push(
      `${plural(units, "unit")}${cpt ? ` of ${labelOf(CPT_LABELS, cpt).toLowerCase()} (CPT ${cpt})` : ""}`,
    );
  const before = num(d, "painBefore");
  const after = num(d, "painAfter");
  if (before !== null && after !== null) parts.push(`pain ${before}/10 before, ${after}/10 after`);
  return parts.length > 0 ? parts.join(" · ") : null;
}

function reportLine(d: Data): string | null {
  const parts: string[] = [];
  const pain = num(d, "painNow");
  if (pain !== null) parts.push(`pain ${pain}/10`);
  const evening = num(d, "eveningPain");
  if (evening !== null) parts.push(`evening pain ${evening}/10`);
  const sleep = num(d, "sleepHours");
  if (sleep !== null) parts.push(`sleep ${plural(sleep, "hour")}`);
  const doses = num(d, "medicationDoses");
  if (doses !== null) parts.push(`${doses} pain medication ${doses === 1 ? "dose" : "doses"}`);
  if (parts.length === 0) return null;
  const line = parts.join(", ");
  return line.charAt(0).toUpperCase() + line.slice(1);
}

function prescriptionLine(d: Data): string | null {
  const total = num(d, "totalSessions");
  const from = str(d, "validFrom");
  const to = str(d, "expiresOn");
  const parts: string[] = [];
  if (total !== null) parts.push(`${plural(total, "session")} authorized`);
  if (from && to) parts.push(`valid ${formatDay(from)} to ${formatDay(to)}`);
  else if (to) parts.push(`valid until ${formatDay(to)}`);
  return parts.length > 0 ? parts.join(", ") : null;
}

function statusChange(d: Data): ReactNode {
  const from = str(d, "from");
  const to = str(d, "to");
  if (!to || from === to || !(to in STATUS_LABELS)) return null;
  return (
    <Text size="xs" c="dimmed">
      Status: {STATUS_LABELS[to as ReferralStatus]}
    </Text>
  );
}

/** What happened, beyond the one-line sentence: the question, the reason, the message, the changes... */
export function TimelineDetails({ event }: { event: TimelineEvent }) {
  const d = (event.data ?? {}) as Data;
  let body: ReactNode = null;
  switch (event.type) {
    case "info_requested":
      body = <Quote label="Question" text={str(d, "question")} />;
      break;
    case "info_provided":
      body = <Quote label="Answer" text={str(d, "answer")} />;
      break;
    case "referral_declined":
    case "referral_cancelled":
    case "referral_discontinued":
    case "referral_withdrawn":
    case "therapist_turned_down":
      body = <Quote label="Reason" text={str(d, "reason")} />;
      break;
    case "message_posted":
    case "private_message_posted": {
      const text = str(d, "body");
      body = text ? (
        <Text size="sm">
          <UserText>{text}</UserText>
        </Text>
      ) : null;
      break;
    }
    case "plan_updated": {
      const changes = strings(d, "changes");
      const version = num(d, "version");
      body = (
        <>
          {version !== null ? <Text size="sm">Version {version}</Text> : null}
          {changes.length > 0 ? (
            <List size="sm" spacing={2} aria-label="Changes">
              {changes.map((line, i) => (
                // Change lines can repeat verbatim; their order is their identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <List.Item key={i}>{readableDays(line)}</List.Item>
              ))}
            </List>
          ) : null}
        </>
      );
      break;
    }
    case "plan_approved":
    case "plan_acknowledged":
    case "plan_in_effect":
    case "letter_signed": {
      const version = num(d, "version");
      body = version !== null ? <Text size="sm">Version {version}</Text> : null;
      break;
    }
    case "session_logged": {
      const line = sessionLine(d);
      body = line ? <Text size="sm">{line}</Text> : null;
      break;
    }
    case "progress_reported": {
      const line = reportLine(d);
      body = line ? <Text size="sm">{line}</Text> : null;
      break;
    }
    case "progress_shared":
      body = <Quote label="Progress note" text={str(d, "note")} />;
      break;
    case "referral_completed":
      body = <Quote label="Note" text={str(d, "note")} />;
      break;
    case "warning":
      body = <Text size="sm">{str(d, "message")}</Text>;
      break;
    case "prescription_signed":
    case "prescription_renewed": {
      const line = prescriptionLine(d);
      body = line ? <Text size="sm">{line}</Text> : null;
      break;
    }
    case "therapist_chosen":
    case "therapist_accepted": {
      const name = str(d, "therapistName");
      body = name && event.type === "therapist_chosen" ? <Text size="sm">Therapist: {name}</Text> : null;
      break;
    }
    case "coverage_recorded": {
      const payer = str(d, "payerName");
      body = payer ? <Text size="sm">Insurer: {payer}</Text> : null;
      break;
    }
    case "file_uploaded": {
      const name = str(d, "name");
      body = name ? (
        <Text size="sm">
          File: <UserText>{name}</UserText>
        </Text>
      ) : null;
      break;
    }
    case "session_amended": {
      const at = str(d, "sessionAt");
      body = (
        <>
          {at ? <Text size="sm">Session of {formatDateTime(at)}</Text> : null}
          <Quote label="Addendum" text={str(d, "note")} />
          <Quote label="Why" text={str(d, "reason")} />
        </>
      );
      break;
    }
    case "visit_missed": {
      const at = str(d, "scheduledAt");
      const outcome = str(d, "outcome");
      const label = outcome ? labelOf(VISIT_OUTCOME_LABELS, outcome) : null;
      body = (
        <>
          {at || label ? (
            <Text size="sm">{[label, at ? formatDateTime(at) : null].filter(Boolean).join(" · ")}</Text>
          ) : null}
          <Quote label="Reason" text={str(d, "reason")} />
        </>
      );
      break;
    }
    case "referral_expired": {
      const expiresOn = str(d, "expiresOn");
      body = expiresOn ? <Text size="sm">The prescription expired on {formatDay(expiresOn)}.</Text> : null;
      break;
    }
  }
  return (
    <>
      {body}
      {statusChange(d)}
    </>
  );
}
