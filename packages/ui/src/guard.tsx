import { Stack, Title } from "@mantine/core";
import type { SignupRole } from "@mm/domain";
import { lazy, type ReactNode, Suspense } from "react";
import { Navigate, useLocation } from "react-router";
import { BarePage } from "./bare-page";
import { MeProvider, useMeQuery } from "./me";
import { PORTAL_TITLE } from "./roles";
import { ErrorState, LoadingState } from "./states";
import { apiErrorCode } from "./trpc";

// Rare path: loaded only when someone opens a portal that is not theirs.
const WrongPortalPage = lazy(() => import("./wrong-portal").then((m) => ({ default: m.WrongPortalPage })));

/** Signed out: sign-in page. Another role: which portal is theirs. Otherwise: the portal. */
export function RequireRole({ role, children }: { role: SignupRole; children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  const loading = (
    <BarePage title={PORTAL_TITLE[role]}>
      <LoadingState label="Loading your account" />
    </BarePage>
  );

  if (me.isPending) return loading;
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
  if (me.data.user.role !== role) {
    return (
      <Suspense fallback={loading}>
        <WrongPortalPage portalRole={role} userRole={me.data.user.role} />
      </Suspense>
    );
  }
  return <MeProvider me={me.data}>{children}</MeProvider>;
}
