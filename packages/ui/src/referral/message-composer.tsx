import { Button, Group, Stack, Textarea } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, serverFieldErrors } from "../errors";
import { FormError } from "../states";
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
  const queryClient = useQueryClient();
  const allowed = useCanPost(referralId, canPost);
  const [body, setBody] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const post = useMutation(
    trpc.message.post.mutationOptions({
      onSuccess: () => {
        setBody("");
        // The live subscription normally brings the event; this covers a dropped connection.
        void queryClient.invalidateQueries({ queryKey: trpc.timeline.list.infiniteQueryKey({ referralId }) });
      },
      onError: (error) => setFieldError(serverFieldErrors(error)?.body ?? null),
    }),
  );
  if (!allowed) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (post.isPending) return;
    const text = body.trim();
    if (!text) return setFieldError("Write a message first");
    if (text.length > MAX_LENGTH) return setFieldError(`Message must be at most ${MAX_LENGTH} characters`);
    setFieldError(null);
    post.mutate({ referralId, body: text });
  };
  const formError = post.isError && !serverFieldErrors(post.error)?.body ? errorMessage(post.error) : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <FormError message={formError} title="Message not sent" />
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
          }}
          error={fieldError}
        />
        <Group>
          <Button type="submit" loading={post.isPending} disabled={post.isPending}>
            Send message
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
