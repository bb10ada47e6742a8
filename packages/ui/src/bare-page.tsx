import { Container, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { PRODUCT_NAME } from "./roles";

/** A page outside the app shell (no header): still one `<main>` landmark, like every page. */
export function BarePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main-content">
      <title>{`${title} · ${PRODUCT_NAME}`}</title>
      <Container size={560} py={48}>
        <Stack gap="md">
          <Text fw={700} c="blue.8">
            {PRODUCT_NAME}
          </Text>
          {children}
        </Stack>
      </Container>
    </main>
  );
}
