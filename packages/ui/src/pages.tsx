import { Anchor, Button, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { BarePage } from "./bare-page";
import { useOptionalMe } from "./me";
import { PORTAL_TITLE, PRODUCT_NAME } from "./roles";
import { ErrorState } from "./states";

/** The page's `<title>` and its one `<h1>`, with an optional short line under it. */
export function PageHeader({ title, description }: { title: string; description?: ReactNode }) {
  const role = useOptionalMe()?.user.role;
  const portal = role && role !== "admin" ? ` · ${PORTAL_TITLE[role]}` : "";
  return (
    <Stack gap={4}>
      <title>{`${title}${portal} · ${PRODUCT_NAME}`}</title>
      <Title order={1}>{title}</Title>
      {description ? <Text c="dimmed">{description}</Text> : null}
    </Stack>
  );
}

export function NotFoundPage() {
  return (
    <Stack gap="md" align="flex-start">
      <PageHeader title="Page not found" description="There is nothing at this address." />
      <Anchor component={Link} to="/">
        Go to the home page
      </Anchor>
    </Stack>
  );
}

/** Shown when a route fails to render or its code cannot be loaded (e.g. after a new release). */
export function RouteErrorPage() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <BarePage title={notFound ? "Page not found" : "Something went wrong"}>
      <Stack gap="md" align="flex-start">
        <Title order={1}>{notFound ? "Page not found" : "Something went wrong"}</Title>
        {notFound ? null : <ErrorState error={error} title="This page could not be shown" />}
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
      </Stack>
    </BarePage>
  );
}
