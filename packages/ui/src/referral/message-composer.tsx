import { Button, Group, Stack, Textarea } from "@mantine/core";
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

/** A message to everyone on the referral; it appears on the timeline of all three portals. */
export function MessageComposer({ referralId, canPost }: { referralId: string; canPost?: boolean }) {
  const trpc = useTRPC();
  const allowed = useCanPost(referralId, canPost);
  const [body, setBody] = useState("");
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
    void post.run({ referralId, body: text });
  };
  const serverError = post.fieldErrors?.body ?? null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {serverError ? null : post.alert}
        <Textarea
          label="Message to everyone on this referral"
          description="The patient, the physician and the therapist all see it."
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
