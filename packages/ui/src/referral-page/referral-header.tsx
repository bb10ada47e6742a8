import { Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useMe } from "../me";
import { StatusBadge } from "../referral/status-badge";
import { PORTAL_TITLE, PRODUCT_NAME } from "../roles";
import type { Referral } from "./referral-query";

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
