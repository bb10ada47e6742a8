import { Button, Group, NumberInput, SimpleGrid, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { progressReportSchema } from "@mm/domain";
import { notify, useTRPC } from "@mm/ui";
import { LongTextarea, maxLengthOf, zodValidate } from "@mm/ui/forms";
import type { Referral } from "@mm/ui/referral";
import { useReferralMutation } from "@mm/ui/referral-page";
import type { ReactNode } from "react";
import { numberOrUndefined } from "../lib/referral-text";
import { ScaleInput } from "./scale-input";

type Values = {
  painNow: number | null;
  eveningPain: number | null;
  sleepHours: number | string;
  medicationDoses: number | string;
  note: string;
};

const EMPTY: Values = { painNow: null, eveningPain: null, sleepHours: "", medicationDoses: "", note: "" };

function toInput(referralId: string, v: Values) {
  return {
    referralId,
    painNow: (v.painNow ?? undefined) as number,
    eveningPain: (v.eveningPain ?? undefined) as number,
    sleepHours: numberOrUndefined(v.sleepHours) as number,
    medicationDoses: numberOrUndefined(v.medicationDoses) as number,
    note: v.note,
  };
}

/** "How do you feel today?": the patient's between-session report (`progress.report`), quick on a phone. */
export function ProgressReportForm({ referral }: { referral: Referral }) {
  const trpc = useTRPC();
  const schemaErrors = zodValidate(progressReportSchema, (v: Values) => toInput(referral.id, v));
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: EMPTY,
    validate: (v) => {
      const errors: Record<string, ReactNode> = { ...schemaErrors(v) };
      if (v.painNow === null) errors.painNow = "Choose a number from 0 to 10";
      if (v.eveningPain === null) errors.eveningPain = "Choose a number from 0 to 10";
      if (numberOrUndefined(v.sleepHours) === undefined)
        errors.sleepHours = "Enter about how many hours you slept";
      if (numberOrUndefined(v.medicationDoses) === undefined)
        errors.medicationDoses = "Enter a number (0 if you took none)";
      return errors;
    },
  });

  const report = useReferralMutation(trpc.progress.report.mutationOptions(), {
    referralId: referral.id,
    form,
    errorTitle: "Could not send",
    onSuccess: () => {
      form.reset();
      notify({
        color: "teal",
        title: "Thank you",
        message: "Your physician and therapist can see how you feel.",
      });
    },
  });
  const submit = form.onSubmit(
    (v) => void report.run({ ...toInput(referral.id, v), expectedVersion: referral.version }),
    () => report.reset(),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="How do you feel today?">
      <Stack gap="lg">
        <Text>It takes a minute. Your answers show on your progress charts.</Text>
        {report.alert}
        <ScaleInput
          label="Pain right now"
          required
          value={form.values.painNow}
          onChange={(v) => form.setFieldValue("painNow", v)}
          error={form.errors.painNow}
        />
        <ScaleInput
          label="Pain in the evening"
          description="This evening, or last evening if it is still morning."
          required
          value={form.values.eveningPain}
          onChange={(v) => form.setFieldValue("eveningPain", v)}
          error={form.errors.eveningPain}
        />
        <SimpleGrid cols={{ base: 2 }} spacing="md">
          <NumberInput
            clampBehavior="none"
            label="Hours of sleep last night"
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
            label="Pain medication doses today"
            withAsterisk
            min={0}
            max={50}
            allowDecimal={false}
            inputMode="numeric"
            size="md"
            {...form.getInputProps("medicationDoses")}
          />
        </SimpleGrid>
        <LongTextarea
          label="Anything else? (optional)"
          autosize
          minRows={2}
          maxLength={maxLengthOf(progressReportSchema, "note") ?? 2000}
          size="md"
          {...form.getInputProps("note")}
        />
        <Group>
          <Button type="submit" size="md" loading={report.pending}>
            Send how I feel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
