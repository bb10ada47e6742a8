import { Accordion, List, Text, Title } from "@mantine/core";
import { formatDateTime } from "./format";
import { type HeadingOrder, subHeading } from "./panel";
import type { PlanHistoryEntry } from "./types";

const ROLE: Record<string, string> = { physician: "physician", therapist: "therapist" };

/** Every saved version, newest first, with who saved it and what changed (the server's readable diff). */
export function PlanHistory({
  history,
  headingOrder,
}: {
  history: PlanHistoryEntry[];
  headingOrder: HeadingOrder;
}) {
  if (history.length === 0) return null;
  const order = subHeading(headingOrder);
  return (
    <div>
      <Title order={order} size="h4" mb="xs">
        Version history
      </Title>
      <Accordion multiple variant="separated" order={Math.min(order + 1, 6) as 4 | 5 | 6}>
        {history.map((v) => (
          <Accordion.Item key={v.id} value={String(v.version)}>
            <Accordion.Control>
              Version {v.version} · {v.authorName}
              {ROLE[v.authorRole] ? ` (${ROLE[v.authorRole]})` : ""} · {formatDateTime(v.createdAt)}
            </Accordion.Control>
            <Accordion.Panel>
              {v.changes.length > 0 ? (
                <List size="sm" spacing={2}>
                  {v.changes.map((line, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: change lines may repeat; order is identity
                    <List.Item key={i}>{line}</List.Item>
                  ))}
                </List>
              ) : (
                <Text size="sm">No changes listed.</Text>
              )}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </div>
  );
}
