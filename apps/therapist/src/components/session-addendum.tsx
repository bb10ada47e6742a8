import { Button, Group } from "@mantine/core";
import { sessionAmendSchema } from "@mm/domain";
import { notify, useTRPC } from "@mm/ui";
import { LongTextarea, maxLengthOf } from "@mm/ui/forms";
import type { SessionRecord } from "@mm/ui/referral";
import { fieldError, formatDateTime, useReferralMutation } from "@mm/ui/referral-page";
import { useState } from "react";
import { FormDialog } from "./form-dialog";

const NOTE_LIMIT = maxLengthOf(sessionAmendSchema, "note") ?? 4000;
const REASON_LIMIT = maxLengthOf(sessionAmendSchema, "reason") ?? 500;

/**
 * "Add an addendum" to a session the therapist logged: what to add or correct, and why. The original note stays as
 * it was; the physician and the patient see the addendum beside it.
 */
export function SessionAddendum({
  session,
  referral,
}: {
  session: SessionRecord;
  referral: { id: string; version: number };
}) {
  const trpc = useTRPC();
  const [opened, setOpened] = useState(false);
  const [values, setValues] = useState({ note: "", reason: "" });
  const [errors, setErrors] = useState<{ note?: string | null; reason?: string | null }>({});
  const amend = useReferralMutation(trpc.session.amend.mutationOptions(), {
    referralId: referral.id,
    errorTitle: "Addendum not saved",
    onSuccess: () => notify({ color: "teal", message: "Addendum added to the session" }),
  });
  const input = {
    referralId: referral.id,
    sessionId: session.id,
    expectedVersion: referral.version,
    ...values,
  };
  const check = (next: typeof values) => ({
    note: fieldError(sessionAmendSchema, { ...input, ...next }, "note"),
    reason: fieldError(sessionAmendSchema, { ...input, ...next }, "reason"),
  });
  const close = () => {
    if (amend.pending) return;
    amend.reset();
    setErrors({});
    setOpened(false);
  };
  const change = (key: "note" | "reason", value: string) => {
    const next = { ...values, [key]: value };
    setValues(next);
    // A fixed error goes away at once.
    if (errors[key]) setErrors(check(next));
  };
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found = check(values);
    setErrors(found);
    if (found.note || found.reason) return;
    const out = await amend.run(input);
    if (out === undefined) return;
    setValues({ note: "", reason: "" });
    setOpened(false);
  };
  const when = formatDateTime(session.occurredAt);
  return (
    <>
      <Group>
        <Button size="compact-sm" variant="default" onClick={() => setOpened(true)}>
          Add an addendum<span className="mm-visually-hidden"> to the session of {when}</span>
        </Button>
      </Group>
      <FormDialog
        opened={opened}
        onClose={close}
        title={`Addendum to the session of ${when}`}
        intro="The session's note stays as it is. Your addendum is shown with it, with your name and the time, to the physician and the patient."
        alert={amend.alert}
        pending={amend.pending}
        submitLabel="Add addendum"
        onSubmit={submit}
      >
        <LongTextarea
          data-autofocus
          label="What to add or correct"
          required
          autosize
          minRows={3}
          maxRows={10}
          maxLength={NOTE_LIMIT}
          value={values.note}
          onChange={(e) => change("note", e.currentTarget.value)}
          error={errors.note ?? amend.fieldErrors?.note}
        />
        <LongTextarea
          label="Why"
          description="For example: a late entry, or a detail entered wrongly."
          required
          autosize
          minRows={1}
          maxRows={4}
          maxLength={REASON_LIMIT}
          value={values.reason}
          onChange={(e) => change("reason", e.currentTarget.value)}
          error={errors.reason ?? amend.fieldErrors?.reason}
          inputWrapperOrder={["label", "description", "input", "error"]}
        />
      </FormDialog>
    </>
  );
}
