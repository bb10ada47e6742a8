import { Badge, Button, Group } from "@mantine/core";
import type { LiveState } from "./use-live-timeline";

const TEXT: Record<LiveState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  stopped: "Live updates stopped",
};

/** Whether new events will appear by themselves; a status region, so a dropped connection is announced. */
export function LiveIndicator({ state, onRetry }: { state: LiveState; onRetry: () => void }) {
  return (
    <Group gap="xs">
      <Badge
        role="status"
        variant="dot"
        color={state === "live" ? "green" : state === "stopped" ? "red" : "orange"}
        c="gray.9"
        size="md"
      >
        {TEXT[state]}
      </Badge>
      {state === "stopped" ? (
        <Button size="compact-xs" variant="subtle" onClick={onRetry}>
          Reconnect
        </Button>
      ) : null}
    </Group>
  );
}
