import { Alert, Blockquote, Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { respondSchema } from "@mm/domain";
import { ErrorState, LoadingState, notify, useTRPC } from "@mm/ui";
import { zodValidate } from "@mm/ui/forms";
import type { Referral } from "@mm/ui/referral";
import { useMutation } from "@tanstack/react-query";
import { useLatestQuestion } from "../lib/latest-question";
import { useRefreshReferrals } from "../lib/referral-queries";
import { shortDate } from "../lib/referral-text";
import { ActionError } from "./action-error";

/** needs_info: the physician's question and the patient's answer (`referral.respond`). */
export function AnswerQuestion({ referral }: { referral: Referral }) {
  const trpc = useTRPC();
  const refresh = useRefreshReferrals();
  const question = useLatestQuestion(referral.id, referral.version, true);
  const respond = useMutation(trpc.referral.respond.mutationOptions());
  const form = useForm({
    mode: "uncontrolled",
    initialValues: { answer: "" },
    validate: zodValidate(respondSchema, (v: { answer: string }) => ({
      referralId: referral.id,
      answer: v.answer,
    })),
  });

  const submit = form.onSubmit(({ answer }) => {
    respond.mutate(
      { referralId: referral.id, answer, expectedVersion: referral.version },
      {
        onSuccess: async () => {
          form.reset();
          notify({
            color: "teal",
            title: "Answer sent",
            message: "Your physician will continue the review.",
          });
          await refresh();
        },
      },
    );
  });

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
          cite={`${question.data.askedBy ?? "Your physician"}, ${shortDate(question.data.at)}`}
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
          <ActionError error={respond.error} onReload={() => void refresh().then(() => respond.reset())} />
          <Textarea
            label="Your answer"
            withAsterisk
            autosize
            minRows={4}
            maxLength={4000}
            size="md"
            key={form.key("answer")}
            {...form.getInputProps("answer")}
          />
          <Group>
            <Button type="submit" size="md" loading={respond.isPending}>
              Send answer
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
