import { Badge } from "@mantine/core";
import { type ReferralStatus, STATUS_LABELS } from "@mm/domain";

/**
 * Light badges with a dark text shade per status: Mantine's default light-variant text (shade 6) is below WCAG AA
 * on its tinted background for yellow, orange, teal and cyan, so every status names its own text colour.
 */
const STATUS_COLORS: Record<ReferralStatus, { color: string; text: string }> = {
  requested: { color: "blue", text: "var(--mantine-color-blue-9)" },
  needs_info: { color: "orange", text: "#7a4100" },
  declined: { color: "red", text: "var(--mantine-color-red-9)" },
  cancelled: { color: "gray", text: "var(--mantine-color-gray-8)" },
  prescribed: { color: "indigo", text: "var(--mantine-color-indigo-9)" },
  awaiting_therapist: { color: "violet", text: "var(--mantine-color-violet-9)" },
  planning: { color: "cyan", text: "#0b4f5c" },
  active: { color: "green", text: "#1b5e2a" },
  completed: { color: "teal", text: "#064d3b" },
  discontinued: { color: "gray", text: "var(--mantine-color-gray-8)" },
  expired: { color: "pink", text: "var(--mantine-color-pink-9)" },
};

export function StatusBadge({ status, size = "lg" }: { status: ReferralStatus; size?: "sm" | "md" | "lg" }) {
  const { color, text } = STATUS_COLORS[status];
  return (
    <Badge variant="light" color={color} c={text} size={size} radius="sm" data-status={status}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
