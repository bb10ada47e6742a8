import { Button, Group, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { cancelSchema, withdrawSchema } from "@mm/domain";
import { notify, useTRPC } from "@mm/ui";
import { LongTextarea, maxLengthOf, zodValidate } from "@mm/ui/forms";
import type { Referral } from "@mm/ui/referral";
import { useReferralMutation } from "@mm/ui/referral-page";
import { Dialog } from "./dialog";

type Kind = "cancel" | "withdraw";

const TEXT: Record<
  Kind,
  { open: string; title: string; body: string; reason: string; confirm: string; keep: string; done: string }
> = {
  cancel: {
    open: "Cancel this request",
    title: "Cancel this request?",
    body: "Your physician (and your therapist, if you chose one) will see that you cancelled. You can send a new request at any time.",
    reason: "Reason (optional)",
    confirm: "Yes, cancel it",
    keep: "Keep my request",
    done: "Request cancelled",
  },
  withdraw: {
    open: "Stop treatment",
    title: "Stop this treatment?",
    body: "Your physician and therapist will see that you stopped, and why. Sessions end here; you can ask your physician again later.",
    reason: "Why are you stopping?",
    confirm: "Yes, stop treatment",
    keep: "Keep going",
    done: "Treatment stopped",
  },
};

/** Cancel (before treatment) or withdraw (planning/active) with a confirmation; `referral.cancel` / `.withdraw`. */
export function EndReferralButton({ referral, kind }: { referral: Referral; kind: Kind }) {
  const trpc = useTRPC();
  const [opened, { open, close }] = useDisclosure(false);
  const t = TEXT[kind];
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { reason: "" },
    validate: zodValidate(kind === "cancel" ? cancelSchema : withdrawSchema, (v: { reason: string }) => ({
      referralId: referral.id,
      reason: kind === "cancel" && !v.reason.trim() ? undefined : v.reason,
    })),
  });

  const config = {
    referralId: referral.id,
    form,
    onSuccess: () => {
      close();
      form.reset();
      notify({ color: "gray", title: t.done, message: "Your care team can see it on the timeline." });
    },
  };
  const cancel = useReferralMutation(trpc.referral.cancel.mutationOptions(), config);
  const withdraw = useReferralMutation(trpc.referral.withdraw.mutationOptions(), config);
  const mutation = kind === "cancel" ? cancel : withdraw;

  const submit = form.onSubmit(
    ({ reason }) => {
      if (kind === "cancel")
        void cancel.run({
          referralId: referral.id,
          reason: reason.trim() || undefined,
          expectedVersion: referral.version,
        });
      else void withdraw.run({ referralId: referral.id, reason, expectedVersion: referral.version });
    },
    () => mutation.reset(),
  );

  return (
    <>
      <Button variant="outline" color="red" size="md" onClick={open}>
        {t.open}
      </Button>
      <Dialog opened={opened} onClose={close} title={t.title}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text>{t.body}</Text>
            {mutation.alert}
            <LongTextarea
              label={t.reason}
              withAsterisk={kind === "withdraw"}
              autosize
              minRows={3}
              maxLength={maxLengthOf(kind === "cancel" ? cancelSchema : withdrawSchema, "reason") ?? 2000}
              size="md"
              data-autofocus
              key={form.key("reason")}
              {...form.getInputProps("reason")}
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" size="md" onClick={close}>
                {t.keep}
              </Button>
              <Button type="submit" color="red" size="md" loading={mutation.pending}>
                {t.confirm}
              </Button>
            </Group>
          </Stack>
        </form>
      </Dialog>
    </>
  );
}
