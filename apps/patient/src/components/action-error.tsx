import { Alert, Button, Stack, Text } from "@mantine/core";
import { apiErrorCode, errorMessage, FormError } from "@mm/ui";

export const CONFLICT_TITLE = "This referral changed since you opened it";

export function isConflict(error: unknown): boolean {
  return apiErrorCode(error) === "CONFLICT";
}

/**
 * What went wrong with an action on a referral. A stale page (CONFLICT) gets its own message and a Reload button;
 * what the person typed stays in the form so they can send it again after reloading.
 */
export function ActionError({
  error,
  onReload,
  title = "Could not send",
}: {
  error: unknown;
  onReload: () => void;
  title?: string;
}) {
  if (!error) return null;
  if (isConflict(error)) {
    return (
      <Alert color="yellow" variant="light" role="alert" title={CONFLICT_TITLE}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">
            Someone on your care team updated it. Reload to see the latest, then try again. What you typed is
            kept.
          </Text>
          <Button size="sm" variant="white" color="dark" onClick={onReload}>
            Reload
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <FormError message={errorMessage(error)} title={title} />;
}
