import { Anchor, Button, Checkbox, Group, List, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, serverFieldErrors } from "../errors";
import { EmptyState, ErrorState, FormError, LoadingState } from "../states";
import { useTRPC } from "../trpc";
import { formatDateTime } from "./format";
import { type HeadingOrder, Panel } from "./panel";

const letterHref = (id: string) => `/documents/letters/${id}.pdf`;

/**
 * Letters of medical necessity: every signed version as a server-rendered PDF for all parties; the physician also
 * edits the pre-filled narrative (from the referral and its progress) and signs a new version.
 */
export function LetterPanel({
  referralId,
  canSign,
  headingOrder = 2,
}: {
  referralId: string;
  canSign: boolean;
  headingOrder?: HeadingOrder;
}) {
  const trpc = useTRPC();
  const letters = useQuery(trpc.letter.list.queryOptions({ referralId }));
  const [editing, setEditing] = useState(false);
  return (
    <Panel
      title="Letter of medical necessity"
      headingOrder={headingOrder}
      actions={
        canSign && !editing ? (
          <Button variant="default" onClick={() => setEditing(true)}>
            Write a new version
          </Button>
        ) : null
      }
    >
      {canSign && editing ? <LetterEditor referralId={referralId} onDone={() => setEditing(false)} /> : null}
      {letters.isPending ? (
        <LoadingState label="Loading letters" />
      ) : letters.isError ? (
        <ErrorState error={letters.error} title="Could not load letters" onRetry={() => letters.refetch()} />
      ) : letters.data.length === 0 ? (
        <EmptyState title="No signed letter yet">
          {canSign
            ? "Write one: the narrative is pre-filled from the referral and the progress."
            : "The physician has not signed a letter of medical necessity yet."}
        </EmptyState>
      ) : (
        <List listStyleType="none" spacing="xs" aria-label="Signed letters">
          {letters.data.map((l) => (
            <List.Item key={l.id}>
              <Group gap="sm">
                <Text>
                  Version {l.version}, signed by {l.physicianName} on {formatDateTime(l.signedAt)}
                </Text>
                <Anchor href={letterHref(l.id)} download>
                  Download version {l.version} (PDF)
                </Anchor>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Panel>
  );
}

function LetterEditor({ referralId, onDone }: { referralId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const draft = useQuery({
    ...trpc.letter.draft.queryOptions({ referralId }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [narrative, setNarrative] = useState<string | null>(null);
  const [signature, setSignature] = useState("");
  const [attested, setAttested] = useState(false);
  const sign = useMutation(
    trpc.letter.sign.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.letter.list.queryKey({ referralId }) });
        onDone();
      },
    }),
  );
  if (draft.isPending) return <LoadingState label="Preparing the draft" />;
  if (draft.isError)
    return (
      <ErrorState error={draft.error} title="Could not prepare the draft" onRetry={() => draft.refetch()} />
    );
  const text = narrative ?? draft.data.narrative;
  const fieldErrors = sign.isError ? serverFieldErrors(sign.error) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sign.isPending || !attested) return;
    sign.mutate({ referralId, narrative: text, signature, attestation: true });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="New letter version">
      <Stack gap="sm">
        <FormError
          message={sign.isError && !fieldErrors ? errorMessage(sign.error) : null}
          title="Letter not signed"
        />
        <Text size="sm">
          Goals at signing:{" "}
          {draft.data.goals.length
            ? draft.data.goals.map((g) => `${g.name} (${g.status.replaceAll("_", " ")})`).join(", ")
            : "none yet"}
          . The goal table is printed from the record, not from this text.
        </Text>
        <Textarea
          label="Narrative"
          description="Pre-filled from the referral and the progress; edit before signing."
          autosize
          minRows={6}
          maxLength={8000}
          value={text}
          onChange={(e) => setNarrative(e.currentTarget.value)}
          error={fieldErrors?.narrative}
        />
        <Checkbox
          label="I attest that this letter is accurate"
          checked={attested}
          onChange={(e) => setAttested(e.currentTarget.checked)}
          error={fieldErrors?.attestation}
        />
        <TextInput
          label="Signature (type your full name)"
          value={signature}
          onChange={(e) => setSignature(e.currentTarget.value)}
          error={fieldErrors?.signature}
        />
        <Group>
          <Button type="submit" loading={sign.isPending} disabled={!attested || sign.isPending}>
            Sign version {draft.data.nextVersion}
          </Button>
          <Button variant="subtle" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
