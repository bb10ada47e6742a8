import { Group, Paper, Stack, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";

export type HeadingOrder = 2 | 3 | 4;

/** The next heading level down, so a panel's sub-headings stay in order under whatever level the page gave it. */
export const subHeading = (order: HeadingOrder): 3 | 4 | 5 => (order + 1) as 3 | 4 | 5;

/**
 * A titled region of a referral page. Pages put these under their one h1; `headingOrder` lets a page nest a panel
 * deeper (h3) without breaking the outline.
 */
export function Panel({
  title,
  headingOrder = 2,
  actions,
  children,
  className,
}: {
  title: string;
  headingOrder?: HeadingOrder;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="lg" radius="md" className={className}>
      <Stack gap="md">
        <Group justify="space-between" align="center" gap="sm">
          <Title id={id} order={headingOrder} size="h3">
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
