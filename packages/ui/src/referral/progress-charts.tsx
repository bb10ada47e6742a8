import "@mantine/charts/styles.css";
import { SimpleGrid, Stack, Text } from "@mantine/core";
import { GOAL_MEASURE_INFO } from "@mm/domain";
import { GoalChart } from "./goal-chart";
import type { ProgressSeries } from "./types";

/**
 * Every goal's chart, plus the pain-medication trend when no goal already charts it. Loaded on demand
 * (React.lazy in ProgressPanel): recharts is large and only pages with progress need it.
 */
export default function ProgressCharts({
  series,
  titleOrder,
}: {
  series: ProgressSeries;
  titleOrder: 3 | 4 | 5;
}) {
  const hasMedicationGoal = series.goals.some((g) => g.measure === "medication_doses");
  return (
    <Stack gap="lg">
      {series.goals.length === 0 ? (
        <Text size="sm">Charts of each goal appear once the plan of care sets measurable goals.</Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        {series.goals.map((goal) => (
          <GoalChart
            key={goal.id}
            title={goal.name}
            titleOrder={titleOrder}
            measure={goal.measure}
            unit={goal.unit}
            points={goal.points}
            baseline={goal.baseline}
            target={goal.target}
            byDate={goal.byDate}
          />
        ))}
        {hasMedicationGoal ? null : (
          <GoalChart
            title="Pain medication doses per day"
            titleOrder={titleOrder}
            measure="medication_doses"
            unit={GOAL_MEASURE_INFO.medication_doses.unit}
            points={series.measures.medication_doses}
          />
        )}
      </SimpleGrid>
    </Stack>
  );
}
