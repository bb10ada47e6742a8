import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Text } from "@mantine/core";

export type QuizChartRow = { question: string; correct: number; answered: number };

/**
 * Percent of everyone's answers that were correct, per question. Loaded on demand (recharts is large); the same
 * numbers are written out in the list next to it for screen readers.
 */
export default function QuizStatsChart({ rows }: { rows: QuizChartRow[] }) {
  return (
    <figure style={{ margin: 0 }}>
      <div aria-hidden="true">
        <BarChart
          h={40 + rows.length * 32}
          orientation="vertical"
          data={rows}
          dataKey="question"
          series={[{ name: "correct", label: "Answered correctly", color: "blue.8" }]}
          valueFormatter={(v) => `${v}%`}
          xAxisProps={{ domain: [0, 100] }}
          yAxisProps={{ width: 40 }}
          withBarValueLabel
          maxBarWidth={22}
          gridAxis="x"
          tickLine="x"
          withTooltip={false}
          barChartProps={{ accessibilityLayer: false, margin: { right: 48 } }}
          data-testid="quiz-stats-chart"
        />
      </div>
      <Text component="figcaption" size="sm" c="dimmed" mt="xs">
        Percent of everyone's answers that were correct, question by question (Q1 is question 1).
      </Text>
    </figure>
  );
}
