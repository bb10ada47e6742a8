import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage } from "./errors";
import { FormError } from "./states";
import { useTRPC } from "./trpc";

/**
 * A private calendar link for the person's own appointments (Google, Apple or Outlook subscribe to it). The link
 * is shown once, when made: only its fingerprint is kept, so a new link replaces the old one, and it can be stopped.
 */
export function CalendarFeedPanel() {
  const trpc = useTRPC();
  const [link, setLink] = useState<string | null>(null);
  const [stopped, setStopped] = useState(false);
  const create = useMutation(
    trpc.calendar.createFeed.mutationOptions({
      onSuccess: (out) => {
        setStopped(false);
        setLink(`${window.location.origin}${out.path}`);
      },
    }),
  );
  const revoke = useMutation(
    trpc.calendar.revokeFeed.mutationOptions({
      onSuccess: () => {
        setLink(null);
        setStopped(true);
      },
    }),
  );
  const failed = create.isError ? create.error : revoke.isError ? revoke.error : null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="calendar-feed-heading">
      <Stack gap="sm">
        <Title id="calendar-feed-heading" order={2} size="h3">
          Calendar link
        </Title>
        <Text size="sm">
          Subscribe to your appointments from your own calendar app. Keep the link private: anyone who has it
          can see your appointment times (never what they are for).
        </Text>
        <FormError message={failed ? errorMessage(failed) : null} title="Calendar link not changed" />
        {link ? (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label="Your private calendar link"
              value={link}
              readOnly
              style={{ flex: "1 1 16rem" }}
            />
            <CopyButton value={link}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? "Copied" : "Copy link"}
                </Button>
              )}
            </CopyButton>
          </Group>
        ) : null}
        {stopped ? <Text size="sm">Your calendar link no longer works.</Text> : null}
        <Group gap="sm">
          <Button variant="default" loading={create.isPending} onClick={() => create.mutate()}>
            {link ? "Make a new link" : "Get my calendar link"}
          </Button>
          <Button variant="subtle" color="red" loading={revoke.isPending} onClick={() => revoke.mutate()}>
            Stop my calendar link
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
