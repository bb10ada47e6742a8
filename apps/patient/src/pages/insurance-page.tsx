import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  Input,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { type CoverageUpsertInput, coverageUpsertSchema, makeCoverageUpsertSchema } from "@mm/domain";
import { ErrorState, LoadingState, localToday, PageHeader, type RouterOutputs, useTRPC } from "@mm/ui";
import { blankToUndefined, LongTextarea, maxLengthOf, zodValidate } from "@mm/ui/forms";
import { useReferralMutation } from "@mm/ui/referral-page";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId } from "react";
import { numberOrUndefined } from "../lib/referral-text";

type Coverage = RouterOutputs["coverage"]["get"];
type Tri = "yes" | "no" | "unknown";

type Values = {
  payerName: string;
  planName: string;
  memberId: string;
  groupNumber: string;
  massageCovered: Tri;
  /** Dollars on screen; cents on the wire. */
  amountPerSession: number | string;
  visitsPerYear: number | string;
  priorAuthRequired: Tri;
  requiresLicense: boolean;
  requiresNpi: boolean;
  requiresInNetwork: boolean;
  callDate: string;
  callReference: string;
  notes: string;
};

/** Section titles of the form, as big as a heading. */
const LEGEND = { legend: { fontSize: "var(--mantine-font-size-lg)", fontWeight: 700, marginBottom: 8 } };

const toTri = (b: boolean | null | undefined): Tri => (b == null ? "unknown" : b ? "yes" : "no");
const fromTri = (t: Tri): boolean | null => (t === "unknown" ? null : t === "yes");

function initialValues(c: Coverage): Values {
  return {
    payerName: c?.payerName ?? "",
    planName: c?.planName ?? "",
    memberId: c?.memberId ?? "",
    groupNumber: c?.groupNumber ?? "",
    massageCovered: toTri(c?.massageCovered),
    amountPerSession: c?.amountPerSessionCents == null ? "" : c.amountPerSessionCents / 100,
    visitsPerYear: c?.visitsPerYear ?? "",
    priorAuthRequired: toTri(c?.priorAuthRequired),
    requiresLicense: c?.requiresLicense ?? true,
    requiresNpi: c?.requiresNpi ?? false,
    requiresInNetwork: c?.requiresInNetwork ?? false,
    callDate: c?.callDate ?? "",
    callReference: c?.callReference ?? "",
    notes: c?.notes ?? "",
  };
}

function toInput(v: Values): CoverageUpsertInput {
  const dollars = numberOrUndefined(v.amountPerSession);
  const visits = numberOrUndefined(v.visitsPerYear);
  return {
    payerName: v.payerName,
    planName: blankToUndefined(v.planName) ?? null,
    memberId: v.memberId,
    groupNumber: blankToUndefined(v.groupNumber) ?? null,
    massageCovered: fromTri(v.massageCovered),
    amountPerSessionCents: dollars === undefined ? null : Math.round(dollars * 100),
    visitsPerYear: visits === undefined ? null : visits,
    priorAuthRequired: fromTri(v.priorAuthRequired),
    requiresLicense: v.requiresLicense,
    requiresNpi: v.requiresNpi,
    requiresInNetwork: v.requiresInNetwork,
    callDate: blankToUndefined(v.callDate) ?? null,
    callReference: blankToUndefined(v.callReference) ?? null,
    notes: blankToUndefined(v.notes) ?? null,
  };
}

/** The API's field names where the form's differ (dollars on screen, cents on the wire). */
/** The form asks for dollars; the procedure takes cents. */
const formPathOf = (path: string) => (path === "amountPerSessionCents" ? "amountPerSession" : path);

function toFormPaths(errors: Record<string, ReactNode>): Record<string, ReactNode> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [formPathOf(k), v]));
}

const schemaErrors = (values: Parameters<typeof toInput>[0]) =>
  zodValidate(makeCoverageUpsertSchema({ now: new Date() }), toInput)(values);

export default function InsurancePage() {
  const trpc = useTRPC();
  const coverage = useQuery(trpc.coverage.get.queryOptions());
  return (
    <Stack gap="lg">
      <PageHeader
        title="Insurance"
        description="Call your insurer, ask about massage with a prescription, and write down what they say. Your physician and therapist see this."
      />
      {coverage.isPending ? (
        <LoadingState label="Loading your insurance" />
      ) : coverage.isError ? (
        <ErrorState
          error={coverage.error}
          title="Could not load your insurance"
          onRetry={() => coverage.refetch()}
        />
      ) : (
        <CoverageForm coverage={coverage.data} />
      )}
    </Stack>
  );
}

function TriState({
  label,
  description,
  value,
  onChange,
}: {
  label: string;
  description?: string;
  value: Tri;
  onChange: (v: Tri) => void;
}) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Input.Label labelElement="div" id={`${id}-label`} size="md">
        {label}
      </Input.Label>
      {description ? (
        <Input.Description id={`${id}-description`} size="md">
          {description}
        </Input.Description>
      ) : null}
      <SegmentedControl
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        data={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
          { value: "unknown", label: "Not sure" },
        ]}
        value={value}
        onChange={(v) => onChange(v as Tri)}
        size="md"
        color="blue"
        maw={420}
      />
    </Stack>
  );
}

function CoverageForm({ coverage }: { coverage: Coverage }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: initialValues(coverage),
    validate: (v) => toFormPaths(schemaErrors(v)),
  });
  // The insurance is the patient's, not one referral's: the hook refreshes every referral it is shown on.
  const save = useReferralMutation(trpc.coverage.upsert.mutationOptions(), {
    form,
    formPath: formPathOf,
    onSuccess: (saved) => {
      // Keep the form mounted (and its "saved" message) while the cache takes the saved record.
      queryClient.setQueryData(trpc.coverage.get.queryKey(), saved);
      form.resetDirty(form.getValues());
    },
  });

  const submit = form.onSubmit(
    (values) => void save.run(toInput(values)),
    () => save.reset(),
  );
  const today = localToday();

  return (
    <Paper
      withBorder
      p={{ base: "md", sm: "lg" }}
      radius="md"
      component="section"
      aria-label="Insurance form"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={640}>
          {save.alert}
          <Fieldset legend="Your plan" variant="unstyled" styles={LEGEND}>
            <Stack gap="md">
              <TextInput
                label="Insurance company"
                withAsterisk
                size="md"
                {...form.getInputProps("payerName")}
              />
              <TextInput
                label="Plan name"
                description="Optional."
                size="md"
                {...form.getInputProps("planName")}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <TextInput label="Member ID" withAsterisk size="md" {...form.getInputProps("memberId")} />
                <TextInput
                  label="Group number"
                  description="Optional."
                  size="md"
                  {...form.getInputProps("groupNumber")}
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend="What the insurer told you" variant="unstyled" styles={LEGEND}>
            <Stack gap="lg">
              <TriState
                label="Is massage covered with a prescription?"
                value={form.values.massageCovered}
                onChange={(v) => form.setFieldValue("massageCovered", v)}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <NumberInput
                  clampBehavior="none"
                  label="Amount they pay per session"
                  description="In dollars. Leave empty if they didn't say."
                  prefix="$"
                  decimalScale={2}
                  fixedDecimalScale
                  min={0}
                  max={10000}
                  thousandSeparator=","
                  inputMode="decimal"
                  size="md"
                  {...form.getInputProps("amountPerSession")}
                />
                <NumberInput
                  clampBehavior="none"
                  label="Visits allowed per year"
                  description="Leave empty if they didn't say."
                  min={0}
                  max={365}
                  allowDecimal={false}
                  inputMode="numeric"
                  size="md"
                  {...form.getInputProps("visitsPerYear")}
                />
              </SimpleGrid>
              <TriState
                label="Do they need to approve it before treatment starts (prior authorization)?"
                value={form.values.priorAuthRequired}
                onChange={(v) => form.setFieldValue("priorAuthRequired", v)}
              />
              <Stack gap="xs" role="group" aria-labelledby="therapist-rules">
                <Input.Label labelElement="div" id="therapist-rules" size="md">
                  What they require of the therapist
                </Input.Label>
                <Checkbox
                  label="A state license"
                  size="md"
                  {...form.getInputProps("requiresLicense", { type: "checkbox" })}
                />
                <Checkbox
                  label="An NPI number"
                  size="md"
                  {...form.getInputProps("requiresNpi", { type: "checkbox" })}
                />
                <Checkbox
                  label="In the insurer's network"
                  size="md"
                  {...form.getInputProps("requiresInNetwork", { type: "checkbox" })}
                />
              </Stack>
            </Stack>
          </Fieldset>

          <Fieldset legend="The call" variant="unstyled" styles={LEGEND}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                <TextInput
                  label="Date of the call"
                  type="date"
                  max={today}
                  size="md"
                  {...form.getInputProps("callDate")}
                />
                <TextInput
                  label="Reference number"
                  description="The agent gives one at the end of the call."
                  size="md"
                  {...form.getInputProps("callReference")}
                />
              </SimpleGrid>
              <LongTextarea
                label="Notes"
                description="Anything else they said: the agent's name, copay, limits."
                autosize
                minRows={3}
                maxLength={maxLengthOf(coverageUpsertSchema, "notes") ?? 4000}
                size="md"
                {...form.getInputProps("notes")}
              />
            </Stack>
          </Fieldset>

          <Group>
            <Button type="submit" size="md" loading={save.pending}>
              Save insurance
            </Button>
            <Text role="status" size="sm" c="teal.9" fw={500}>
              {save.succeeded && !save.pending && !form.isDirty() ? "Insurance saved" : ""}
            </Text>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
