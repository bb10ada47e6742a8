import { Alert, Blockquote, Button, Group, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { respondSchema } from "@mm/domain";
import { ErrorState, LoadingState, notify, useTRPC } from "@mm/ui";
import { LongTextarea, maxLengthOf, zodValidate } from "@mm/ui/forms";
import type { Referral } from "@mm/ui/referral";
import { formatDate, useReferralMutation } from "@mm/ui/referral-page";
import { useLatestQuestion } from "../lib/latest-question";

/** needs_info: the physician's question and the patient's answer (`referral.respond`). */
export function AnswerQuestion({ referral }: { referral: Referral }) {
  const trpc = useTRPC();
  const question = useLatestQuestion(referral.id, referral.version, true);
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { answer: "" },
    validate: zodValidate(respondSchema, (v: { answer: string }) => ({
      referralId: referral.id,
      answer: v.answer,
    })),
  });

  const respond = useReferralMutation(trpc.referral.respond.mutationOptions(), {
    referralId: referral.id,
    form,
    errorTitle: "Could not send",
    announceFieldErrors: false,
    onSuccess: () => {
      form.reset();
      notify({ color: "teal", title: "Answer sent", message: "Your physician will continue the review." });
    },
  });
  const submit = form.onSubmit(
    ({ answer }) => void respond.run({ referralId: referral.id, answer, expectedVersion: referral.version }),
    () => respond.reset(),
  );

  return (
    <Stack gap="md">
      {question.isPending ? (
        <LoadingState label="Loading the question" />
      ) : question.isError ? (
        <ErrorState
          error={question.error}
          title="Could not load the question"
          onRetry={() => question.refetch()}
        />
      ) : question.data ? (
        <Blockquote
          color="orange"
          p="md"
          cite={`${question.data.askedBy ?? "Your physician"}, ${formatDate(question.data.at)}`}
        >
          <Text style={{ whiteSpace: "pre-wrap" }} data-testid="physician-question">
            {question.data.text}
          </Text>
        </Blockquote>
      ) : (
        <Alert color="gray" variant="light">
          Your physician asked for more information. Answer below.
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {respond.alert}
          <LongTextarea
            label="Your answer"
            withAsterisk
            autosize
            minRows={4}
            maxLength={maxLengthOf(respondSchema, "answer") ?? 4000}
            size="md"
            key={form.key("answer")}
            {...form.getInputProps("answer")}
          />
          <Group>
            <Button type="submit" size="md" loading={respond.pending}>
              Send answer
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
