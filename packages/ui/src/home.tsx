import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";

/** A highlighted "do this next" card with one call to action. */
export function NextStepCard({
  title,
  children,
  actionLabel,
  to,
}: {
  title: string;
  children: ReactNode;
  actionLabel: string;
  to: string;
}) {
  return (
    <Paper withBorder p="lg" radius="md" bg="blue.0">
      <Stack gap="xs" align="flex-start">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text>{children}</Text>
        <Button component={Link} to={to}>
          {actionLabel}
        </Button>
      </Stack>
    </Paper>
  );
}

export type QuickLink = {
  title: string;
  description: string;
  /** Where it goes; without it the feature is shown as coming soon. */
  to?: string;
};

/** Cards for the portal's main features; ones not built yet say "Coming soon" instead of linking nowhere. */
export function QuickLinks({ title, links }: { title: string; links: QuickLink[] }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {links.map((link) => (
          <Paper key={link.title} withBorder p="md" radius="md">
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Title order={3} size="h4">
                  {link.to ? (
                    <Anchor component={Link} to={link.to} inherit>
                      {link.title}
                    </Anchor>
                  ) : (
                    link.title
                  )}
                </Title>
                {link.to ? null : (
                  <Badge variant="light" color="gray" radius="sm">
                    Coming soon
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {link.description}
              </Text>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** "Alicia" from "Dr. Alicia Chen"; the whole name when it has one word. */
export function firstName(name: string): string {
  const words = name.replace(/^(dr\.?|mr\.?|mrs\.?|ms\.?)\s+/i, "").split(/\s+/);
  return words[0] || name;
}
