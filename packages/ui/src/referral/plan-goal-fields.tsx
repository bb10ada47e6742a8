import { Button, Fieldset, Group, NumberInput, Select, SimpleGrid, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import {
  GOAL_DIRECTION_LABELS,
  GOAL_DIRECTIONS,
  GOAL_MEASURE_INFO,
  GOAL_MEASURE_LABELS,
  GOAL_MEASURES,
  type GoalMeasure,
} from "@mm/domain";
import { addDaysLocal } from "./format";
import { type Baselines, baselineFor, type PlanFormValues, unitOf } from "./plan-form";

const MEASURE_OPTIONS = GOAL_MEASURES.map((m) => ({ value: m, label: GOAL_MEASURE_LABELS[m] }));
const DIRECTION_OPTIONS = GOAL_DIRECTIONS.map((d) => ({ value: d, label: GOAL_DIRECTION_LABELS[d] }));

/**
 * One goal of the plan. Its fields sit in a fieldset named "Goal N", so "Target" is unambiguous to screen readers
 * (and to tests: the group, then the label).
 */
export function GoalFields({
  form,
  index,
  baselines,
  canRemove,
  onRemove,
}: {
  form: UseFormReturnType<PlanFormValues>;
  index: number;
  baselines: Baselines;
  canRemove: boolean;
  onRemove: () => void;
}) {
  const goal = form.getValues().goals[index]!;
  const info = GOAL_MEASURE_INFO[goal.measure];
  const unit = unitOf(goal);
  const path = (field: string) => `goals.${index}.${field}`;
  const numberProps = {
    min: info.min ?? undefined,
    max: info.max ?? undefined,
    allowDecimal: !info.integer,
    decimalScale: info.integer ? 0 : 1,
    description: unit ? `In ${unit}` : undefined,
  };
  return (
    <Fieldset legend={`Goal ${index + 1}`} variant="filled">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label="Measure"
          data={MEASURE_OPTIONS}
          allowDeselect={false}
          withAsterisk
          {...form.getInputProps(path("measure"))}
          onChange={(value) => {
            if (!value) return;
            const measure = value as GoalMeasure;
            form.setFieldValue(path("measure"), measure);
            // Start from what the patient reported for that measure; they can still change it.
            form.setFieldValue(path("baseline"), baselineFor(measure, baselines));
          }}
        />
        <TextInput
          label="Achieve by"
          type="date"
          withAsterisk
          min={addDaysLocal(1)}
          {...form.getInputProps(path("byDate"))}
        />
        {goal.measure === "custom" ? (
          <>
            <TextInput label="Custom measure name" withAsterisk {...form.getInputProps(path("customName"))} />
            <TextInput
              label="Unit"
              placeholder="e.g. minutes of walking"
              {...form.getInputProps(path("customUnit"))}
            />
            <Select
              label="Which way is better?"
              data={DIRECTION_OPTIONS}
              withAsterisk
              {...form.getInputProps(path("direction"))}
            />
          </>
        ) : null}
        <NumberInput
          clampBehavior="none"
          label="Baseline"
          withAsterisk
          {...numberProps}
          {...form.getInputProps(path("baseline"))}
        />
        <NumberInput
          clampBehavior="none"
          label="Target"
          withAsterisk
          {...numberProps}
          {...form.getInputProps(path("target"))}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button variant="subtle" color="red" size="xs" onClick={onRemove} disabled={!canRemove}>
          Remove goal {index + 1}
        </Button>
      </Group>
    </Fieldset>
  );
}
