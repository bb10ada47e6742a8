import { Button, Group, Radio, Stack, Textarea } from "@mantine/core";
import type { MessageAudience } from "@mm/domain";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { CharacterCount } from "../forms/character-count";
import { useReferralMutation } from "../referral-page/use-referral-mutation";
import { useTRPC } from "../trpc";

const MAX_LENGTH = 4000;

/**
 * Whether the signed-in person may post on this referral: the caller's `canPost` when given, else the referral's
 * own `allowedActions` (closed referrals take no more messages). Unknown yet = hidden.
 */
function useCanPost(referralId: string, canPost: boolean | undefined): boolean {
  const trpc = useTRPC();
  const referral = useQuery({
    ...trpc.referral.get.queryOptions({ id: referralId }),
    enabled: canPost === undefined,
  });
  if (canPost !== undefined) return canPost;
  return referral.data?.allowedActions.includes("postMessage") ?? false;
}

/** The other member of the private thread, as the viewer calls them. */
export type PrivateThreadWith = "physician" | "patient";

const PRIVATE_LABEL: Record<PrivateThreadWith, string> = {
  physician: "Only my physician",
  patient: "Only the patient",
};

/**
 * A message on the referral: to everyone (the timeline of all three portals), or, for the patient and the
 * physician (`privateWith` given), to the other one only: their private thread, which the therapist never sees.
 */
export function MessageComposer({
  referralId,
  canPost,
  privateWith,
}: {
  referralId: string;
  canPost?: boolean;
  privateWith?: PrivateThreadWith;
}) {
  const trpc = useTRPC();
  const allowed = useCanPost(referralId, canPost);
  const [body, setBody] = useState("");
  const [audience, setAudience] = useState<MessageAudience>("everyone");
  const [fieldError, setFieldError] = useState<string | null>(null);
  // The live subscription normally brings the event; the hook's refresh covers a dropped connection.
  const post = useReferralMutation(trpc.message.post.mutationOptions(), {
    referralId,
    errorTitle: "Message not sent",
    onSuccess: () => setBody(""),
  });
  if (!allowed) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (post.pending) return;
    const text = body.trim();
    if (!text) return setFieldError("Write a message first");
    if (text.length > MAX_LENGTH) return setFieldError(`Message must be at most ${MAX_LENGTH} characters`);
    setFieldError(null);
    void post.run({ referralId, body: text, audience });
  };
  const serverError = post.fieldErrors?.body ?? null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {serverError ? null : post.alert}
        {privateWith ? (
          <Radio.Group
            label="Who sees it"
            value={audience}
            onChange={(v) => setAudience(v === "patient_physician" ? "patient_physician" : "everyone")}
          >
            <Group gap="md" mt={4}>
              <Radio value="everyone" label="Everyone on this referral" />
              <Radio value="patient_physician" label={PRIVATE_LABEL[privateWith]} />
            </Group>
          </Radio.Group>
        ) : null}
        <Textarea
          label={audience === "everyone" ? "Message to everyone on this referral" : "Private message"}
          description={
            audience === "everyone"
              ? "The patient, the physician and the therapist all see it."
              : "Only the patient and the physician see it; the therapist does not."
          }
          autosize
          minRows={2}
          maxRows={8}
          maxLength={MAX_LENGTH}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            if (fieldError) setFieldError(null);
            if (serverError) post.reset();
          }}
          error={fieldError ?? serverError}
        />
        <CharacterCount value={body} max={MAX_LENGTH} />
        <Group>
          <Button type="submit" loading={post.pending}>
            Send message
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
