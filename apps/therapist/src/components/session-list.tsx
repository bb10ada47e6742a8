import { Button, Paper, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { CPT_LABELS, type CptCode, PRESSURE_LABELS, type PressureLevel } from "@mm/domain";
import { EmptyState, ErrorState, LoadingState, type RouterOutputs, useTRPC } from "@mm/ui";
import { formatDateTime, regionList } from "@mm/ui/referral-page";
import { useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";

type Session = RouterOutputs["session"]["list"][number];

function Note({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {text || "—"}
      </Text>
    </div>
  );
}

function SessionDetails({ session: s }: { session: Session }) {
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
    </Stack>
  );
}

/** Every logged session, newest first; the SOAP note opens under its row. */
export function SessionList({ referralId }: { referralId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.session.list.queryOptions({ referralId }));
  const [open, setOpen] = useState<Set<string>>(new Set());
  if (query.isPending) return <LoadingState label="Loading sessions" />;
  if (query.isError)
    return <ErrorState error={query.error} title="Could not load sessions" onRetry={() => query.refetch()} />;
  if (query.data.length === 0)
    return (
      <EmptyState title="No sessions yet" headingOrder={3}>
        Sessions you log show here with their SOAP notes.
      </EmptyState>
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
                    </Table.Td>
                  </Table.Tr>
                  {expanded ? (
                    <Table.Tr id={detailsId}>
                      <Table.Td colSpan={6} bg="gray.0">
                        <SessionDetails session={s} />
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
  );
}
