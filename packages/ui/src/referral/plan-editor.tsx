import { Alert, Button, Group, Stack, TagsInput, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { defaultGoalByDate, planUpdateSchema } from "@mm/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "../errors";
import { LongTextarea } from "../forms/character-count";
import { maxLengthOf, zodValidate } from "../forms/validation";
import { useReferralMutation } from "../referral-page/use-referral-mutation";
import { FormError } from "../states";
import { useTRPC } from "../trpc";
import { addDaysLocal } from "./format";
import { mergeEdits, newGoal, type PlanFormValues, planInput, valuesFromPlan } from "./plan-form";
import { GoalFields } from "./plan-goal-fields";
import type { Plan } from "./types";

const MAX_GOALS = 10;

type Props = {
  plan: Plan;
  onSaved: (version: number) => void;
  onCancel: () => void;
};

/**
 * Writes a new version of the plan. The version it is based on is fixed when editing starts (not the live one,
 * which the timeline refreshes underneath): saving against it is how the server detects that someone else saved
 * in between, and then the person chooses what happens to their edits. Nothing is ever silently overwritten.
 */
export default function PlanEditor({ plan, onSaved, onCancel }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const referralId = plan.referralId;
  // A new goal's by-date: 8 weeks ahead but never past the prescription's expiry (the referral is already loaded).
  const rx = useQuery(trpc.referral.get.queryOptions({ id: referralId })).data?.currentPrescription;
  const byDefault = () =>
    defaultGoalByDate({
      today: addDaysLocal(0),
      validFrom: rx?.validFrom ?? null,
      expiresOn: rx?.expiresOn ?? null,
    });
  // The version this edit is based on, and its content: what "my changes" are measured against when re-applying.
  const [base, setBase] = useState(() => ({
    version: plan.version,
    values: valuesFromPlan(plan, byDefault()),
  }));
  const baseVersion = base.version;
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<PlanFormValues>({
    initialValues: base.values,
    validate: zodValidate<PlanFormValues, ReturnType<typeof planInput>>(planUpdateSchema, (v) =>
      planInput(v, referralId, 0),
    ),
  });

  const planKey = trpc.plan.get.queryKey({ referralId });
  const update = useReferralMutation(trpc.plan.update.mutationOptions(), {
    referralId,
    form,
    onSuccess: async (result) => {
      // Close the editor once the panel shows the saved version, not the one it replaced.
      await queryClient.invalidateQueries({ queryKey: planKey });
      onSaved(result.version);
    },
  });
  const conflict = update.conflict ? errorMessage(update.error) : null;
  const fetchLatest = () =>
    queryClient.fetchQuery({ ...trpc.plan.get.queryOptions({ referralId }), staleTime: 0 });

  const save = (values: PlanFormValues, version: number) => {
    setFormError(null);
    setNotice(null);
    const parsed = planUpdateSchema.safeParse(planInput(values, referralId, version));
    if (!parsed.success) {
      update.reset();
      return setFormError("Please correct the fields marked below.");
    }
    void update.run(parsed.data);
  };

  const loadTheirs = async () => {
    const latest = await fetchLatest();
    const theirs = valuesFromPlan(latest, byDefault());
    form.setValues(theirs);
    form.resetDirty();
    setBase({ version: latest.version, values: theirs });
    update.reset();
    setNotice(`Loaded version ${latest.version}. Your changes were discarded.`);
  };

  const reapplyMine = async () => {
    const latest = await fetchLatest();
    const theirs = valuesFromPlan(latest, byDefault());
    const merged = mergeEdits(base.values, form.getValues(), theirs);
    form.setValues(merged);
    setBase({ version: latest.version, values: theirs });
    update.reset();
    save(merged, latest.version);
  };

  const goals = form.getValues().goals;
  const newerSaved = plan.version > baseVersion && !conflict;
  const latestAuthor = plan.history[0]?.authorName;

  return (
    <form
      onSubmit={form.onSubmit((values) => save(values, baseVersion))}
      noValidate
      aria-label="Edit the plan of care"
    >
      <Stack gap="md">
        {conflict ? (
          <Alert
            color="orange"
            variant="light"
            role="alert"
            title="Someone else saved a newer version while you were editing"
          >
            <Stack gap="sm" align="flex-start">
              <span>
                {conflict} "Re-apply my changes on top" keeps their version and applies only what you changed.
              </span>
              <Group gap="sm">
                <Button variant="default" onClick={loadTheirs} loading={update.pending}>
                  Load their version
                </Button>
                <Button onClick={reapplyMine} loading={update.pending}>
                  Re-apply my changes on top
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        {newerSaved ? (
          <Alert color="blue" variant="light" title={`Version ${plan.version} was just saved`}>
            {latestAuthor ? `${latestAuthor} saved` : "Someone saved"} a newer version while you were editing.
            When you save, you will be asked whether to keep their version or re-apply your changes on top of
            it.
          </Alert>
        ) : null}
        <FormError message={formError} />
        {conflict ? null : update.alert}
        <div role="status" className="mm-visually-hidden">
          {notice ?? ""}
        </div>
        {notice ? (
          <Alert color="blue" variant="light">
            {notice}
          </Alert>
        ) : null}
        {goals.map((goal, index) => (
          <GoalFields
            key={goal.key}
            form={form}
            index={index}
            baselines={plan.baselines}
            canRemove={goals.length > 1}
            onRemove={() => form.removeListItem("goals", index)}
          />
        ))}
        <Group>
          <Button
            variant="default"
            disabled={goals.length >= MAX_GOALS}
            onClick={() => form.insertListItem("goals", newGoal("pain", plan.baselines, byDefault()))}
          >
            Add a goal
          </Button>
        </Group>
        <TextInput
          label="Frequency"
          placeholder="e.g. Once a week, 60 minutes"
          withAsterisk
          {...form.getInputProps("frequency")}
        />
        <TagsInput
          label="Techniques"
          description="Press Enter after each technique"
          clearable
          {...form.getInputProps("techniques")}
        />
        <LongTextarea
          label="Precautions"
          autosize
          minRows={2}
          maxLength={maxLengthOf(planUpdateSchema, "precautions") ?? 4000}
          {...form.getInputProps("precautions")}
        />
        <LongTextarea
          label="Home care advice"
          autosize
          minRows={2}
          maxLength={maxLengthOf(planUpdateSchema, "homeCare") ?? 4000}
          {...form.getInputProps("homeCare")}
        />
        <Group>
          <Button type="submit" loading={update.pending}>
            Save new version
          </Button>
          <Button variant="default" onClick={onCancel} disabled={update.pending}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
