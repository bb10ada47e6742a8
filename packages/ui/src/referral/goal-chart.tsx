import { LineChart } from "@mantine/charts";
import { Stack, Text, Title } from "@mantine/core";
import type { GoalMeasure } from "@mm/domain";
import { useId } from "react";
import {
  dayToTime,
  latestPoint,
  SOURCE_LABELS,
  SOURCE_STYLE,
  sourcesIn,
  timeDomain,
  toChartRows,
  valueDomain,
} from "./chart-data";
import { formatDateTime, formatDay, formatDayTick, formatInstantDate, withUnit } from "./format";
import type { SeriesPoint } from "./types";

export type GoalChartProps = {
  title: string;
  titleOrder: 3 | 4 | 5;
  measure: GoalMeasure | null;
  unit: string;
  points: readonly SeriesPoint[];
  baseline?: number;
  target?: number;
  byDate?: string;
};

/** recharts also calls the formatter with no label (tooltip hidden): only real instants become dates. */
const tooltipLabel = (label: unknown) => {
  const t = Number(label);
  return label != null && Number.isFinite(t) ? formatDateTime(new Date(t).toISOString()) : "";
};

function summary({ points, baseline, target, byDate, unit }: GoalChartProps): string {
  const parts: string[] = [];
  if (baseline !== undefined) parts.push(`Baseline ${withUnit(baseline, unit)}`);
  if (target !== undefined)
    parts.push(`target ${withUnit(target, unit)}${byDate ? ` by ${formatDay(byDate)}` : ""}`);
  const latest = latestPoint(points);
  if (latest)
    parts.push(
      `latest ${withUnit(latest.value, unit)} (${SOURCE_LABELS[latest.source].toLowerCase()}, ${formatInstantDate(latest.at)})`,
    );
  const text = parts.join(", ");
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : "";
}

/**
 * One measure over time against its goal. The drawing is hidden from assistive technology; the caption says what
 * it shows and a visually hidden table holds every value, so nothing is only in the picture.
 */
export function GoalChart(props: GoalChartProps) {
  const { title, titleOrder, measure, unit, points, baseline, target, byDate } = props;
  const captionId = useId();
  const rows = toChartRows(points);
  const sources = sourcesIn(points);
  const values = [
    ...points.map((p) => p.value),
    ...(target !== undefined ? [target] : []),
    ...(baseline !== undefined ? [baseline] : []),
  ];
  const referenceLines = [
    ...(target !== undefined
      ? [
          {
            y: target,
            label: `Target ${target}`,
            color: "teal.9",
            labelPosition: "insideBottomRight" as const,
          },
        ]
      : []),
    ...(baseline !== undefined
      ? [
          {
            y: baseline,
            label: `Baseline ${baseline}`,
            color: "gray.7",
            labelPosition: "insideBottomLeft" as const,
          },
        ]
      : []),
    ...(byDate
      ? [
          {
            x: dayToTime(byDate),
            label: "By date",
            color: "grape.8",
            // Left of the line: the by-date is the right edge of the chart, where a label would be clipped.
            labelPosition: "insideTopRight" as const,
          },
        ]
      : []),
  ];

  return (
    <Stack component="figure" gap="xs" m={0} aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <Title order={titleOrder} size="h5">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {summary(props)}
        </Text>
      </figcaption>
      {rows.length === 0 ? (
        <Text size="sm">No measurements recorded for this goal yet.</Text>
      ) : (
        <>
          <div aria-hidden="true">
            <LineChart
              h={260}
              data={rows}
              dataKey="t"
              series={sources.map((s) => ({ name: s, label: SOURCE_LABELS[s], ...SOURCE_STYLE[s] }))}
              curveType="linear"
              connectNulls
              withLegend
              legendProps={{ verticalAlign: "bottom", height: 40 }}
              accessibilityLayer={false}
              textColor="gray.7"
              referenceLines={referenceLines}
              xAxisProps={{
                type: "number",
                scale: "time",
                domain: timeDomain(rows, byDate),
                tickFormatter: formatDayTick,
              }}
              yAxisProps={{
                domain: valueDomain(measure, values),
                allowDecimals: measure === "sleep_hours",
                // Ticks are bare numbers (the unit is in the caption); the tooltip keeps the unit.
                tickFormatter: (v: number) => String(v),
              }}
              valueFormatter={(v) => withUnit(v, unit)}
              tooltipProps={{ labelFormatter: tooltipLabel }}
            />
          </div>
          {/* A table keeps its content's width whatever its own box says: the 1px box is its wrapper. */}
          <div className="mm-visually-hidden">
            <table>
              <caption>{title}: every measurement</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Source</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: points have no id and may repeat
                  <tr key={i}>
                    <td>{formatDateTime(p.at)}</td>
                    <td>{SOURCE_LABELS[p.source]}</td>
                    <td>{withUnit(p.value, unit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Stack>
  );
}
