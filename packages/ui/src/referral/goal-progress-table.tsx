import { Badge, Table } from "@mantine/core";
import { GOAL_STATUS_LABELS } from "@mm/domain";
import { formatDay, withUnit } from "./format";
import type { SummaryGoal } from "./types";

const valueText = (value: number | null, unit: string) =>
  value === null ? "No measurement yet" : withUnit(value, unit);

function changeText(goal: SummaryGoal): string {
  if (goal.change === null) return "—";
  const sign = goal.change > 0 ? "+" : goal.change < 0 ? "−" : "";
  const size = Math.abs(goal.change);
  return `${sign}${goal.unit === "/10" ? size : withUnit(size, goal.unit)}`;
}

/** Per goal: where the patient started, where they are now, and how far along the way to the target. */
export function GoalProgressTable({ goals, caption }: { goals: readonly SummaryGoal[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder striped verticalSpacing="xs">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Goal</Table.Th>
            <Table.Th scope="col">Baseline</Table.Th>
            <Table.Th scope="col">Latest</Table.Th>
            <Table.Th scope="col">Change</Table.Th>
            <Table.Th scope="col">Toward target</Table.Th>
            <Table.Th scope="col">Target</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {goals.map((g) => (
            <Table.Tr key={g.id}>
              <Table.Th scope="row" fw={500}>
                {g.name}
              </Table.Th>
              <Table.Td>{valueText(g.baseline, g.unit)}</Table.Td>
              <Table.Td>{valueText(g.latest, g.unit)}</Table.Td>
              <Table.Td>{changeText(g)}</Table.Td>
              <Table.Td>{g.percentOfWayToTarget === null ? "—" : `${g.percentOfWayToTarget}%`}</Table.Td>
              <Table.Td>
                {valueText(g.target, g.unit)} by {formatDay(g.byDate)}
              </Table.Td>
              <Table.Td>
                {/* ACHIEVED only when a measurement reached the target; "No measurement yet" is its own status. */}
                {g.status === "achieved" ? (
                  <Badge color="green" variant="light" c="#1b5e2a" radius="sm">
                    {GOAL_STATUS_LABELS.achieved}
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light" c="gray.8" radius="sm">
                    {GOAL_STATUS_LABELS[g.status]}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
