import { Button, Radio, Stack, TextInput } from "@mantine/core";
import {
  MISSED_VISIT_OUTCOMES,
  type MissedVisitOutcome,
  makeMissedVisitSchema,
  missedVisitSchema,
  VISIT_OUTCOME_LABELS,
} from "@mm/domain";
import { notify, useTRPC } from "@mm/ui";
import { LongTextarea, maxLengthOf } from "@mm/ui/forms";
import { fieldError, useReferralMutation } from "@mm/ui/referral-page";
import { useState } from "react";
import { FormDialog } from "./form-dialog";
import { localNow, localToIso } from "./local-time";

const REASON_LIMIT = maxLengthOf(missedVisitSchema, "reason") ?? 500;

type Values = { scheduledAt: string; outcome: MissedVisitOutcome | ""; reason: string };
type Field = keyof Values;

/**
 * "Record a missed visit": a visit that was cancelled or that the patient did not come to, with the reason. It is
 * not a session: it counts as nothing attended, uses up no authorized session and is not billed.
 */
export function MissedVisitButton({ referral }: { referral: { id: string; version: number } }) {
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const empty = (): Values => ({ scheduledAt: localNow(), outcome: "", reason: "" });
  const [values, setValues] = useState<Values>(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string | null>>>({});
  const record = useReferralMutation(trpc.session.recordMissed.mutationOptions(), {
    referralId: referral.id,
    errorTitle: "Visit not recorded",
    onSuccess: () => notify({ color: "teal", message: "Missed visit recorded" }),
  });
  const toInput = (v: Values) => ({
    referralId: referral.id,
    expectedVersion: referral.version,
    scheduledAt: localToIso(v.scheduledAt),
    outcome: v.outcome as MissedVisitOutcome,
    reason: v.reason,
  });
  const check = (v: Values) => {
    // The same rules as the server, with this browser's clock (a no-show cannot be in the future).
    const schema = makeMissedVisitSchema({ now: new Date() });
    const input = toInput(v);
    return {
      scheduledAt: fieldError(schema, input, "scheduledAt"),
      outcome: fieldError(schema, input, "outcome"),
      reason: fieldError(schema, input, "reason"),
    };
  };
  const server = record.fieldErrors ?? {};
  const close = () => {
    if (record.pending) return;
    record.reset();
    setErrors({});
    setOpened(false);
  };
  const change = (key: Field, value: string) => {
    const next = { ...values, [key]: value } as Values;
    setValues(next);
    if (Object.values(errors).some(Boolean)) setErrors(check(next));
    if (record.fieldErrors) record.reset();
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = check(values);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    const out = await record.run(toInput(values));
    if (out === undefined) return;
    setValues(empty());
    setOpened(false);
  };
  return (
    <>
      <Button
        variant="default"
        onClick={() => {
          setValues(empty());
          setOpened(true);
        }}
      >
        Record a missed visit
      </Button>
      <FormDialog
        opened={opened}
        onClose={close}
        title="Record a missed visit"
        intro="A cancelled or missed visit is kept on the record with its reason. It is not a session: it does not count as attended, uses up no authorized session and is not billed."
        alert={record.alert}
        pending={record.pending}
        submitLabel="Record visit"
        onSubmit={submit}
      >
        <TextInput
          data-autofocus
          label="Visit date and time"
          description="Your local time."
          type="datetime-local"
          required
          value={values.scheduledAt}
          onChange={(e) => change("scheduledAt", e.currentTarget.value)}
          error={errors.scheduledAt ?? server.scheduledAt}
          inputWrapperOrder={["label", "description", "input", "error"]}
        />
        <Radio.Group
          label="What happened"
          required
          value={values.outcome}
          onChange={(v) => change("outcome", v)}
          error={errors.outcome ?? server.outcome}
        >
          <Stack gap="xs" mt={4}>
            {MISSED_VISIT_OUTCOMES.map((o) => (
              <Radio key={o} value={o} label={VISIT_OUTCOME_LABELS[o]} />
            ))}
          </Stack>
        </Radio.Group>
        <LongTextarea
          label="Reason"
          required
          autosize
          minRows={2}
          maxRows={6}
          maxLength={REASON_LIMIT}
          value={values.reason}
          onChange={(e) => change("reason", e.currentTarget.value)}
          error={errors.reason ?? server.reason}
        />
      </FormDialog>
    </>
  );
}
