import { Alert, Button, Center, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { errorMessage } from "./errors";

/** A spinner that screen readers announce ("Loading your profile"). */
export function LoadingState({ label = "Loading" }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader aria-hidden="true" />
      <span className="mm-visually-hidden">{label}</span>
    </Center>
  );
}

/** Nothing here yet, and what to do about it. */
export function EmptyState({
  title,
  children,
  action,
  headingOrder = 2,
}: {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  headingOrder?: 2 | 3 | 4;
}) {
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="xs" align="flex-start">
        <Title order={headingOrder} size="h4">
          {title}
        </Title>
        {children ? <Text c="dimmed">{children}</Text> : null}
        {action}
      </Stack>
    </Paper>
  );
}

/** Something failed: say what, and offer to try again. */
export function ErrorState({
  error,
  title = "Something went wrong",
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** A form-level error (anything the server said that has no field of its own). */
export function FormError({ message, title = "Could not save" }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {message}
    </Alert>
  );
}
