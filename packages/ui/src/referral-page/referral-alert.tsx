import { Alert, Button, Stack, Text } from "@mantine/core";
import { errorMessage } from "../errors";
import { FormError } from "../states";
import { apiErrorCode } from "../trpc";

export const CONFLICT_TITLE = "This referral changed since you opened it";

/** A stale page tried to act: say so, and offer to load the latest version (nothing was changed). */
export function ConflictAlert({ onReload, reloading }: { onReload: () => void; reloading?: boolean }) {
  return (
    <Alert color="orange" variant="light" title={CONFLICT_TITLE} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Someone else updated it, so nothing was saved. Reload to see the latest version, then try again:
          what you typed is kept.
        </Text>
        <Button size="xs" variant="default" onClick={onReload} loading={reloading}>
          Reload
        </Button>
      </Stack>
    </Alert>
  );
}

/**
 * What went wrong with a change to a referral, in one place for the three portals: a stale page (CONFLICT) gets
 * the reload prompt; a refusal (PRECONDITION_FAILED) states the rule that refused it; anything else is shown as
 * the form's error. `message` overrides the error's own text (e.g. what is left after field errors were placed).
 */
export function ReferralErrorAlert({
  error,
  message,
  onReload,
  reloading,
  title = "Could not save",
}: {
  error: unknown;
  message?: string | null;
  onReload: () => void;
  reloading?: boolean;
  title?: string;
}) {
  if (!error) return null;
  const code = apiErrorCode(error);
  if (code === "CONFLICT") return <ConflictAlert onReload={onReload} reloading={reloading} />;
  if (code === "PRECONDITION_FAILED")
    return <FormError message={errorMessage(error)} title="Not allowed at this step" />;
  return <FormError message={message === undefined ? errorMessage(error) : message} title={title} />;
}
