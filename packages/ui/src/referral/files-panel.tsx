import { Alert, Anchor, Button, FileInput, Group, List, Stack, Text } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { EmptyState, ErrorState, LoadingState } from "../states";
import { useTRPC } from "../trpc";
import { formatDateTime } from "./format";
import { type HeadingOrder, Panel } from "./panel";

const ACCEPT = "application/pdf,image/jpeg,image/png,image/heic,image/heif,.heic,.heif";
const sizeText = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Files on the referral (insurance card, prior authorization, imaging report…): list, download, attach. */
export function FilesPanel({
  referralId,
  headingOrder = 2,
}: {
  referralId: string;
  headingOrder?: HeadingOrder;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const files = useQuery(trpc.file.list.queryOptions({ referralId }));
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || sending) return setError(file ? null : "Choose a file first");
    setSending(true);
    setError(null);
    try {
      const form = new FormData();
      form.set("referralId", referralId);
      form.set("file", file);
      const res = await fetch("/files", { method: "POST", body: form, credentials: "same-origin" });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        throw new Error(body.message?.replace(/^file: /, "") ?? "The file was not uploaded");
      }
      setFile(null);
      await queryClient.invalidateQueries({ queryKey: trpc.file.list.queryKey({ referralId }) });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Panel title="Files" headingOrder={headingOrder}>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          {error ? (
            <Alert color="red" title="File not uploaded" role="alert">
              {error}
            </Alert>
          ) : null}
          <Group align="flex-end">
            <FileInput
              label="Attach a file"
              description="PDF, JPEG, PNG or HEIC, up to 10 MB. Everyone on this referral can open it."
              accept={ACCEPT}
              value={file}
              onChange={setFile}
              clearable
            />
            <Button type="submit" loading={sending}>
              Upload
            </Button>
          </Group>
        </Stack>
      </form>
      {files.isPending ? (
        <LoadingState label="Loading files" />
      ) : files.isError ? (
        <ErrorState error={files.error} title="Could not load files" onRetry={() => files.refetch()} />
      ) : files.data.length === 0 ? (
        <EmptyState title="No files yet">
          Attach an insurance card, a prior authorization or a report.
        </EmptyState>
      ) : (
        <List listStyleType="none" spacing="xs" aria-label="Files on this referral">
          {files.data.map((f) => (
            <List.Item key={f.id}>
              <Text span>
                <Anchor href={`/files/${f.id}`} download>
                  {f.name}
                </Anchor>{" "}
                · {sizeText(f.sizeBytes)} · {f.uploaderName} ({f.uploaderRole}), {formatDateTime(f.createdAt)}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Panel>
  );
}
