import { Group, Radio, SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";
import classes from "./choice.module.css";

const POINTS = Array.from({ length: 11 }, (_, i) => i);

/**
 * A 0-10 scale as eleven big buttons (a radio group named by its label), with the chosen value written out.
 * Starts unanswered (`null`), so nobody sends a number they never picked.
 */
export function ScaleInput({
  label,
  description,
  value,
  onChange,
  error,
  required,
  low = "No pain",
  high = "Worst pain imaginable",
}: {
  label: string;
  description?: ReactNode;
  value: number | null | undefined;
  onChange: (value: number) => void;
  error?: ReactNode;
  required?: boolean;
  low?: string;
  high?: string;
}) {
  return (
    <Radio.Group
      size="md"
      label={label}
      description={description}
      error={error}
      withAsterisk={required}
      value={value == null ? "" : String(value)}
      onChange={(v) => onChange(Number(v))}
    >
      <SimpleGrid cols={{ base: 6, xs: 11 }} spacing={6} mt="xs">
        {POINTS.map((n) => (
          <Radio.Card key={n} value={String(n)} className={classes.scale}>
            {n}
          </Radio.Card>
        ))}
      </SimpleGrid>
      <Group justify="space-between" mt={6} gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed">
          0 = {low}
        </Text>
        <Text size="sm" c="dimmed" ta="right">
          10 = {high}
        </Text>
      </Group>
      <Text size="sm" fw={600} mt={4}>
        {value == null ? "Not chosen yet" : `You chose ${value} out of 10`}
      </Text>
    </Radio.Group>
  );
}
