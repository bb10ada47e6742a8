import { Group, Stack, Text, Title } from "@mantine/core";
import { PORTAL_TITLE, PRODUCT_NAME, useMe } from "@mm/ui";
import { StatusBadge } from "@mm/ui/referral";
import type { ReactNode } from "react";
import type { Referral } from "../lib/referral";

/**
 * The page's h1 names the patient; the browser's title (kept in history) does not: `pageTitle` is generic on
 * purpose, so no health data ends up outside the page.
 */
export function ReferralHeader({
  referral,
  heading,
  pageTitle,
  description,
}: {
  referral: Referral;
  heading: string;
  pageTitle: string;
  description?: ReactNode;
}) {
  const role = useMe().user.role;
  const portal = role === "admin" ? "" : ` · ${PORTAL_TITLE[role]}`;
  return (
    <Stack gap={4}>
      <title>{`${pageTitle}${portal} · ${PRODUCT_NAME}`}</title>
      <Group gap="sm" align="center" wrap="wrap">
        <Title order={1}>{heading}</Title>
        <StatusBadge status={referral.status} />
      </Group>
      {description ? <Text c="dimmed">{description}</Text> : null}
    </Stack>
  );
}
