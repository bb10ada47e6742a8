import {
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import {
  BODY_REGION_LABELS,
  BODY_REGIONS,
  DESIRED_FREQUENCIES,
  DESIRED_FREQUENCY_LABELS,
  EXPECTATION_GOAL_KINDS,
  EXPECTATION_GOAL_LABELS,
  type ExpectationGoalKind,
  REFERRAL_KIND_LABELS,
  REFERRAL_KINDS,
  referralCreateSchema,
  SYMPTOM_LABELS,
  SYMPTOMS,
} from "@mm/domain";
import { ErrorState, formatDay, LoadingState, localToday, type RouterOutputs, useTRPC } from "@mm/ui";
import { LongTextarea, maxLengthOf } from "@mm/ui/forms";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useState } from "react";
import { Link } from "react-router";
import { numberOrUndefined } from "../lib/referral-text";
import classes from "./choice.module.css";
import type { RequestValues } from "./request-form";
import { ScaleInput } from "./scale-input";

type Form = UseFormReturnType<RequestValues>;
export type Physician = RouterOutputs["directory"]["physicians"][number];

const LIST_HINT = "Type one, then press Enter.";

export function PhysicianStep({
  form,
  selected,
  onSelect,
}: {
  form: Form;
  selected: Physician | null;
  onSelect: (p: Physician) => void;
}) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const physicians = useQuery(trpc.directory.physicians.queryOptions({ q: debounced || undefined }));
  const list = physicians.data ?? [];
  // Keep the chosen physician on screen even when a new search no longer matches them.
  const shown = selected && !list.some((p) => p.id === selected.id) ? [selected, ...list] : list;

  return (
    <Stack gap="md">
      <Text>Choose the physician you want to ask. They will see what you write in this form.</Text>
      <TextInput
        label="Search physicians"
        description="By name or practice."
        type="search"
        size="md"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      {physicians.isPending ? (
        <LoadingState label="Loading physicians" />
      ) : physicians.isError ? (
        <ErrorState
          error={physicians.error}
          title="Could not load physicians"
          onRetry={() => physicians.refetch()}
        />
      ) : (
        <Radio.Group
          size="md"
          label="Your physician"
          withAsterisk
          {...form.getInputProps("physicianId")}
          onChange={(id) => {
            form.setFieldValue("physicianId", id);
            const p = shown.find((x) => x.id === id);
            if (p) onSelect(p);
          }}
        >
          {shown.length === 0 ? (
            <Text mt="xs" c="dimmed">
              No physician matches "{debounced}".
            </Text>
          ) : (
            <Stack gap="xs" mt="xs">
              {shown.map((p) => (
                <Radio.Card key={p.id} value={p.id} className={classes.card}>
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Radio.Indicator mt={3} />
                    <div>
                      <Text fw={600}>{p.name}</Text>
                      <Text size="sm" c="dimmed">
                        {p.practice ?? "Practice not listed"}
                        {p.state ? ` · ${p.state}` : ""}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </Stack>
          )}
        </Radio.Group>
      )}
    </Stack>
  );
}

function CheckboxCards<T extends string>({
  options,
  labels,
  cols = 2,
}: {
  options: readonly T[];
  labels: Record<T, string>;
  cols?: number;
}) {
  return (
    <SimpleGrid cols={{ base: 1, xs: cols }} spacing="xs" mt="xs">
      {options.map((o) => (
        <Checkbox.Card key={o} value={o} className={classes.card} py="sm">
          <Group wrap="nowrap" gap="sm">
            <Checkbox.Indicator />
            <Text>{labels[o]}</Text>
          </Group>
        </Checkbox.Card>
      ))}
    </SimpleGrid>
  );
}

export function WhatHurtsStep({ form }: { form: Form }) {
  const today = localToday();
  return (
    <Stack gap="lg">
      <Radio.Group
        label="Is it a new injury or long-lasting pain?"
        withAsterisk
        {...form.getInputProps("kind")}
      >
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
          {REFERRAL_KINDS.map((k) => (
            <Radio.Card key={k} value={k} className={classes.card}>
              <Group wrap="nowrap" gap="sm">
                <Radio.Indicator />
                <Text>{REFERRAL_KIND_LABELS[k]}</Text>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>
      <Checkbox.Group
        size="md"
        label="Where does it hurt?"
        description="Choose all that apply."
        withAsterisk
        {...form.getInputProps("bodyRegions")}
      >
        <CheckboxCards options={BODY_REGIONS} labels={BODY_REGION_LABELS} cols={4} />
      </Checkbox.Group>
      <Checkbox.Group
        size="md"
        label="What do you feel?"
        description="Choose all that apply."
        withAsterisk
        {...form.getInputProps("symptoms")}
      >
        <CheckboxCards options={SYMPTOMS} labels={SYMPTOM_LABELS} />
      </Checkbox.Group>
      <LongTextarea
        label="Tell your physician about it"
        description="What happened, when it hurts, what makes it better or worse."
        withAsterisk
        autosize
        minRows={4}
        maxLength={maxLengthOf(referralCreateSchema, "description") ?? 4000}
        size="md"
        {...form.getInputProps("description")}
      />
      <TextInput
        label="When did it start?"
        description="Optional. An approximate date is fine."
        type="date"
        max={today}
        size="md"
        w={{ base: "100%", xs: 260 }}
        {...form.getInputProps("onsetDate")}
      />
    </Stack>
  );
}

export function EffectsStep({ form }: { form: Form }) {
  return (
    <Stack gap="xl">
      <ScaleInput
        label="Pain right now"
        description="0 is no pain at all, 10 is the worst pain you can imagine."
        required
        value={form.values.painNow}
        onChange={(v) => form.setFieldValue("painNow", v)}
        error={form.errors.painNow}
      />
      <ScaleInput
        label="Pain on a typical evening"
        required
        value={form.values.eveningPain}
        onChange={(v) => form.setFieldValue("eveningPain", v)}
        error={form.errors.eveningPain}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="lg">
        <NumberInput
          clampBehavior="none"
          label="Hours of sleep on a typical night"
          withAsterisk
          min={0}
          max={24}
          step={0.5}
          decimalScale={1}
          inputMode="decimal"
          size="md"
          {...form.getInputProps("sleepHours")}
        />
        <NumberInput
          clampBehavior="none"
          label="Pain medication doses per day"
          description="Each pill or dose counts as one. 0 if you take none."
          withAsterisk
          min={0}
          max={50}
          allowDecimal={false}
          inputMode="numeric"
          size="md"
          {...form.getInputProps("medicationDosesPerDay")}
        />
      </SimpleGrid>
    </Stack>
  );
}

export function HealthStep({ form }: { form: Form }) {
  return (
    <Stack gap="lg">
      <Text>
        Tell your physician and therapist about every condition and medication, even ones that seem unrelated:
        some change what is safe during massage. We filled in what your{" "}
        <Anchor component={Link} to="/profile">
          profile
        </Anchor>{" "}
        says.
      </Text>
      <TagsInput
        label="Medical conditions"
        description={`For example high blood pressure, diabetes, a recent surgery. ${LIST_HINT}`}
        size="md"
        {...form.getInputProps("medicalConditions")}
      />
      <TagsInput
        label="Medications"
        description={`Include pain medication and the dose. ${LIST_HINT}`}
        size="md"
        {...form.getInputProps("medications")}
      />
      <TagsInput
        label="Allergies"
        description={`For example nut oils, latex, fragrances. Saved to your profile, so your care team sees them on every request. ${LIST_HINT}`}
        size="md"
        {...form.getInputProps("allergies")}
      />
    </Stack>
  );
}

const LISTED_GOALS = EXPECTATION_GOAL_KINDS;

export function HopesStep({ form }: { form: Form }) {
  const goals = form.values.expectations.goals;
  const customIndex = goals.findIndex((g) => g.kind === "custom");
  const setKinds = (kinds: string[]) => {
    const next = LISTED_GOALS.filter((k) => kinds.includes(k)).map(
      (kind) => goals.find((g) => g.kind === kind) ?? { kind: kind as ExpectationGoalKind, text: "" },
    );
    form.setFieldValue("expectations.goals", next);
  };
  return (
    <Stack gap="lg">
      <Checkbox.Group
        size="md"
        label="What do you hope massage will do?"
        description="Choose all that apply."
        withAsterisk
        value={goals.map((g) => g.kind)}
        onChange={setKinds}
        error={form.errors["expectations.goals"]}
      >
        <CheckboxCards options={LISTED_GOALS} labels={EXPECTATION_GOAL_LABELS} />
      </Checkbox.Group>
      {customIndex >= 0 ? (
        <TextInput
          label="Your goal, in your own words"
          withAsterisk
          maxLength={300}
          size="md"
          {...form.getInputProps(`expectations.goals.${customIndex}.text`)}
        />
      ) : null}
      <Radio.Group
        size="md"
        label="How often would you like massage?"
        withAsterisk
        {...form.getInputProps("expectations.desiredFrequency")}
      >
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
          {DESIRED_FREQUENCIES.map((f) => (
            <Radio.Card key={f} value={f} className={classes.card} py="sm">
              <Group wrap="nowrap" gap="sm">
                <Radio.Indicator />
                <Text>{DESIRED_FREQUENCY_LABELS[f]}</Text>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>
    </Stack>
  );
}

function ReviewSection({
  title,
  step,
  onEdit,
  children,
}: {
  title: string;
  step: number;
  onEdit: (step: number) => void;
  children: ReactNode;
}) {
  return (
    <Stack gap={4} pb="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Button
          variant="subtle"
          size="sm"
          onClick={() => onEdit(step)}
          aria-label={`Change ${title.toLowerCase()}`}
        >
          Change
        </Button>
      </Group>
      {children}
    </Stack>
  );
}

const orNone = (xs: readonly string[]) => (xs.length > 0 ? xs.join(", ") : "None");

export function ReviewStep({
  form,
  physician,
  onEdit,
}: {
  form: Form;
  physician: Physician | null;
  onEdit: (step: number) => void;
}) {
  const v = form.values;
  const sleep = numberOrUndefined(v.sleepHours);
  return (
    <Stack gap="md">
      <Text>Check your answers, then send. You can change anything before you send it.</Text>
      <ReviewSection title="Your physician" step={0} onEdit={onEdit}>
        <Text>
          {physician
            ? `${physician.name}${physician.practice ? `, ${physician.practice}` : ""}`
            : "Not chosen"}
        </Text>
      </ReviewSection>
      <ReviewSection title="What hurts" step={1} onEdit={onEdit}>
        <Text>
          {v.kind ? REFERRAL_KIND_LABELS[v.kind] : "Not chosen"} ·{" "}
          {orNone(v.bodyRegions.map((r) => BODY_REGION_LABELS[r as keyof typeof BODY_REGION_LABELS] ?? r))}
        </Text>
        <Text>{orNone(v.symptoms.map((s) => SYMPTOM_LABELS[s as keyof typeof SYMPTOM_LABELS] ?? s))}</Text>
        <Text style={{ whiteSpace: "pre-wrap" }}>{v.description}</Text>
        {v.onsetDate ? <Text size="sm">Started: {formatDay(v.onsetDate)}</Text> : null}
      </ReviewSection>
      <ReviewSection title="How it affects you" step={2} onEdit={onEdit}>
        <Text>
          Pain now {v.painNow ?? "?"}/10 · evening {v.eveningPain ?? "?"}/10 · sleep {sleep ?? "?"} hours ·
          pain medication {numberOrUndefined(v.medicationDosesPerDay) ?? "?"} a day
        </Text>
      </ReviewSection>
      <ReviewSection title="Your health" step={3} onEdit={onEdit}>
        <Text>Conditions: {orNone(v.medicalConditions)}</Text>
        <Text>Medications: {orNone(v.medications)}</Text>
        <Text>Allergies: {orNone(v.allergies)}</Text>
      </ReviewSection>
      <ReviewSection title="What you hope for" step={4} onEdit={onEdit}>
        <Text>
          {orNone(
            v.expectations.goals.map((g) =>
              g.kind === "custom" ? g.text || "Something else" : EXPECTATION_GOAL_LABELS[g.kind],
            ),
          )}
        </Text>
        <Text>
          {v.expectations.desiredFrequency
            ? DESIRED_FREQUENCY_LABELS[v.expectations.desiredFrequency]
            : "How often: not chosen"}
        </Text>
      </ReviewSection>
    </Stack>
  );
}
