import { Table, Text, Title } from "@mantine/core";
import { GOAL_MEASURE_INFO, goalName } from "@mm/domain";
import { FactItems, FactList, UserText } from "./fact-list";
import { formatDay } from "./format";
import { type HeadingOrder, subHeading } from "./panel";
import type { Plan, PlanGoalView } from "./types";

function goalUnit(goal: PlanGoalView): string {
  if (goal.measure === "custom") return goal.customUnit || "—";
  const unit = GOAL_MEASURE_INFO[goal.measure].unit;
  return unit === "/10" ? "out of 10" : unit;
}

/** The content of the plan's current version: its goals, then how treatment runs. */
export function PlanView({
  content,
  headingOrder,
}: {
  content: NonNullable<Plan["content"]>;
  headingOrder: HeadingOrder;
}) {
  return (
    <>
      <Title order={subHeading(headingOrder)} size="h4">
        Goals
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table striped withTableBorder verticalSpacing="xs" aria-label="Goals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Measure</Table.Th>
              <Table.Th scope="col">Baseline</Table.Th>
              <Table.Th scope="col">Target</Table.Th>
              <Table.Th scope="col">By</Table.Th>
              <Table.Th scope="col">Unit</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {content.goals.map((goal) => (
              <Table.Tr key={goal.id}>
                <Table.Th scope="row" fw={500}>
                  {goalName(goal)}
                </Table.Th>
                <Table.Td>{goal.baseline}</Table.Td>
                <Table.Td>{goal.target}</Table.Td>
                <Table.Td>{formatDay(goal.byDate)}</Table.Td>
                <Table.Td>{goalUnit(goal)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <FactList
        facts={[
          { label: "Frequency", value: <UserText>{content.frequency}</UserText> },
          { label: "Techniques", value: <FactItems items={content.techniques} /> },
          {
            label: "Precautions",
            value: content.precautions ? <UserText>{content.precautions}</UserText> : "None noted",
          },
          {
            label: "Home care",
            value: content.homeCare ? <UserText>{content.homeCare}</UserText> : <Text span>None</Text>,
          },
        ]}
      />
    </>
  );
}
