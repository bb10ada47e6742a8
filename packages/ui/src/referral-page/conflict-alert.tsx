import { Alert, Button, Stack, Text } from "@mantine/core";

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
