import { Button, Container, Group, Stack, Text, Title } from "@mantine/core";
import { PORTAL_PATH, type Role, type SignupRole } from "@mm/domain";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSignOut } from "./auth-pages";
import { MeProvider, useMeQuery } from "./me";
import { PORTAL_TITLE, PRODUCT_NAME, ROLE_NAME, withArticle } from "./roles";
import { ErrorState, LoadingState } from "./states";
import { apiErrorCode } from "./trpc";

/** A page outside the app shell (no header): still one `<main>` landmark, like every page. */
export function BarePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main-content">
      <title>{`${title} · ${PRODUCT_NAME}`}</title>
      <Container size={560} py={48}>
        {children}
      </Container>
    </main>
  );
}

/** Signed out: sign-in page. Another role: which portal is theirs. Otherwise: the portal. */
export function RequireRole({ role, children }: { role: SignupRole; children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();

  if (me.isPending) {
    return (
      <BarePage title={PORTAL_TITLE[role]}>
        <LoadingState label="Loading your account" />
      </BarePage>
    );
  }
  if (me.isError) {
    if (apiErrorCode(me.error) === "UNAUTHORIZED") {
      const from = `${location.pathname}${location.search}`;
      return <Navigate to="/sign-in" replace state={from === "/" ? undefined : { from }} />;
    }
    return (
      <BarePage title={PORTAL_TITLE[role]}>
        <Stack>
          <Title order={1}>{PORTAL_TITLE[role]}</Title>
          <ErrorState error={me.error} title="Could not load your account" onRetry={() => me.refetch()} />
        </Stack>
      </BarePage>
    );
  }
  if (me.data.user.role !== role) return <WrongPortalPage portalRole={role} userRole={me.data.user.role} />;
  return <MeProvider me={me.data}>{children}</MeProvider>;
}

/** Someone signed in with another role opened this portal: tell them where theirs is. */
export function WrongPortalPage({ portalRole, userRole }: { portalRole: SignupRole; userRole: Role }) {
  const { signOut, pending } = useSignOut();
  const theirs = userRole === "admin" ? null : userRole;
  return (
    <BarePage title="Wrong portal">
      <Stack gap="md">
        <Title order={1}>This is the {ROLE_NAME[portalRole]} portal.</Title>
        <Text size="lg">You are signed in as {withArticle(userRole)}.</Text>
        {theirs ? (
          <Text>Your account works in the {ROLE_NAME[theirs]} portal.</Text>
        ) : (
          <Text>Admin accounts use the operator command line, not a portal.</Text>
        )}
        <Group>
          {theirs ? (
            <Button component="a" href={PORTAL_PATH[theirs]}>
              Go to the {ROLE_NAME[theirs]} portal
            </Button>
          ) : null}
          <Button variant="default" onClick={signOut} loading={pending}>
            Sign out
          </Button>
        </Group>
      </Stack>
    </BarePage>
  );
}
