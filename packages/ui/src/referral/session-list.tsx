import { Badge, Button, List, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import {
  CPT_LABELS,
  type CptCode,
  PRESSURE_LABELS,
  type PressureLevel,
  VISIT_OUTCOME_LABELS,
} from "@mm/domain";
import { useQuery } from "@tanstack/react-query";
import { Fragment, type ReactNode, useState } from "react";
import { formatDateTime } from "../dates";
import { regionList } from "../referral-page/format";
import { EmptyState, ErrorState, LoadingState } from "../states";
import { useTRPC } from "../trpc";
import { UserText } from "./fact-list";
import { plural } from "./format";
import { Panel } from "./panel";
import type { MissedVisit, SessionAddendum, SessionRecord } from "./types";

function Note({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {text ? <UserText>{text}</UserText> : "—"}
      </Text>
    </div>
  );
}

/** An addendum as the record keeps it: who, when, why, and what it adds. The original note above is unchanged. */
function Addendum({ addendum: a }: { addendum: SessionAddendum }) {
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      component="article"
      aria-label={`Addendum of ${formatDateTime(a.createdAt)}`}
    >
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          Addendum by {a.authorName}, <time dateTime={a.createdAt}>{formatDateTime(a.createdAt)}</time>
        </Text>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          <UserText>{a.note}</UserText>
        </Text>
        <Text size="sm" c="dimmed">
          Why: <UserText>{a.reason}</UserText>
        </Text>
      </Stack>
    </Paper>
  );
}

/** The full SOAP note of a session, the details, and every addendum after the original note. */
function SessionDetails({ session: s, actions }: { session: SessionRecord; actions?: ReactNode }) {
  return (
    <Stack gap="xs" py="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Note label="Subjective" text={s.subjective} />
        <Note label="Objective" text={s.objective} />
        <Note label="Assessment" text={s.assessment} />
        <Note label="Plan" text={s.plan} />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Techniques: {s.techniques.join(", ")} · Regions: {regionList(s.bodyRegions)} · Pressure:{" "}
        {PRESSURE_LABELS[s.pressure as PressureLevel] ?? s.pressure}
      </Text>
      {s.addenda.length > 0 ? (
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {s.addenda.length === 1 ? "Addendum" : "Addenda"}
          </Text>
          {s.addenda.map((a) => (
            <Addendum key={a.id} addendum={a} />
          ))}
        </Stack>
      ) : null}
      {actions}
    </Stack>
  );
}

/** Visits that did not take place: they count toward nothing, but the record keeps them with their reason. */
function MissedVisits({ visits }: { visits: MissedVisit[] }) {
  if (visits.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Visits that did not take place
      </Title>
      <List size="sm" spacing={4} aria-label="Visits that did not take place">
        {[...visits].reverse().map((v) => (
          <List.Item key={v.id}>
            <time dateTime={v.scheduledAt}>{formatDateTime(v.scheduledAt)}</time> ·{" "}
            {VISIT_OUTCOME_LABELS[v.outcome]} · <UserText>{v.reason}</UserText>
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        These are not sessions: they do not count as attended, use up no authorized session and are not
        billed.
      </Text>
    </Stack>
  );
}

/**
 * Every logged session, newest first; the full SOAP note (with its addenda) opens under its row. `actions` adds
 * what the viewer may do to a session (the therapist who logged it: an addendum).
 */
export function SessionList({
  referralId,
  actions,
}: {
  referralId: string;
  actions?: (session: SessionRecord) => ReactNode;
}) {
  const trpc = useTRPC();
  const query = useQuery(trpc.session.list.queryOptions({ referralId }));
  const missed = useQuery(trpc.session.listMissed.queryOptions({ referralId }));
  const [open, setOpen] = useState<Set<string>>(new Set());
  if (query.isPending) return <LoadingState label="Loading sessions" />;
  if (query.isError)
    return <ErrorState error={query.error} title="Could not load sessions" onRetry={() => query.refetch()} />;
  const missedVisits = <MissedVisits visits={missed.data ?? []} />;
  if (query.data.length === 0)
    return (
      <Stack gap="md">
        <EmptyState title="No sessions yet" headingOrder={3}>
          Sessions show here with their SOAP notes once they are logged.
        </EmptyState>
        {missedVisits}
      </Stack>
    );
  const sessions = [...query.data].reverse();
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Stack gap="md">
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Minutes</Table.Th>
                <Table.Th scope="col">Units</Table.Th>
                <Table.Th scope="col">CPT</Table.Th>
                <Table.Th scope="col">Pain before → after</Table.Th>
                <Table.Th scope="col">SOAP note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.map((s) => {
                const expanded = open.has(s.id);
                const detailsId = `session-${s.id}`;
                return (
                  <Fragment key={s.id}>
                    <Table.Tr>
                      <Table.Td>
                        <time dateTime={s.occurredAt}>{formatDateTime(s.occurredAt)}</time>
                      </Table.Td>
                      <Table.Td>{s.minutes}</Table.Td>
                      <Table.Td>{s.units}</Table.Td>
                      <Table.Td>
                        <abbr title={CPT_LABELS[s.cptCode as CptCode] ?? s.cptCode}>{s.cptCode}</abbr>
                      </Table.Td>
                      <Table.Td>
                        {s.painBefore} → {s.painAfter}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          aria-expanded={expanded}
                          aria-controls={expanded ? detailsId : undefined}
                          onClick={() => toggle(s.id)}
                        >
                          {expanded ? "Hide note" : "Show note"}
                          <span className="mm-visually-hidden">
                            {" "}
                            for the session of {formatDateTime(s.occurredAt)}
                          </span>
                        </Button>
                        {s.addenda.length > 0 ? (
                          <Badge variant="light" color="grape" ml="xs">
                            {plural(s.addenda.length, "addendum", "addenda")}
                          </Badge>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                    {expanded ? (
                      <Table.Tr id={detailsId}>
                        <Table.Td colSpan={6} bg="gray.0">
                          <SessionDetails session={s} actions={actions?.(s)} />
                        </Table.Td>
                      </Table.Tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {missedVisits}
    </Stack>
  );
}

/** The sessions as a panel of the referral page (the physician's view: read the full notes, change nothing). */
export function SessionsPanel({ referralId }: { referralId: string }) {
  return (
    <Panel title="Sessions">
      <SessionList referralId={referralId} />
    </Panel>
  );
}
