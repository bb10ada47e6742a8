import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { SignupRole } from "@mm/domain";
import { Suspense } from "react";
import { Link, Outlet, useLocation } from "react-router";
import { useMe } from "./me";
import { NotificationBell } from "./notifications/bell";
import { useLiveNotifications } from "./notifications/use-live-notifications";
import { PendingVerificationBanner } from "./pending-verification-banner";
import { PORTAL_TITLE, PRODUCT_NAME } from "./roles";
import { useSignOut } from "./sign-out";
import { LoadingState } from "./states";

export type PortalNavItem = { to: string; label: string };

/** Shared by every portal (packages/ui/src/auth/security-page.tsx). */
const SECURITY_NAV: PortalNavItem = { to: "/security", label: "Security" };

function isActive(pathname: string, to: string): boolean {
  if (to === "/") return pathname === "/";
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** The signed-in frame of a portal: header (product, portal, who, sign out), navigation, and the page. */
export function PortalShell({ role, nav }: { role: SignupRole; nav: PortalNavItem[] }) {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { signOut, pending } = useSignOut();
  const { pathname } = useLocation();
  const live = useLiveNotifications();
  const clinicianRole = me.user.role === "physician" || me.user.role === "therapist" ? me.user.role : null;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main-content" className="mm-skip-link">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: "xs", xs: "md" }} justify="space-between" wrap="nowrap" gap="xs">
          {/* The left side gives way on narrow phones (the badge truncates); "Sign out" never does. */}
          <Group gap="sm" wrap="nowrap" miw={0} style={{ flex: "1 1 auto" }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? "Close navigation" : "Open navigation"}
            />
            <Text fw={700} size="lg" c="blue.8" visibleFrom="xs">
              {PRODUCT_NAME}
            </Text>
            <Badge variant="light" color="gray" size="lg" radius="sm" miw={0} maw="100%">
              {PORTAL_TITLE[role]}
            </Badge>
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ flex: "0 0 auto" }}>
            <NotificationBell live={live.connected} />
            <Text size="sm" fw={500} visibleFrom="sm" data-testid="signed-in-user">
              {me.user.name}
            </Text>
            <Button variant="default" size="sm" onClick={signOut} loading={pending}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label="Main">
        <Stack gap={2}>
          {[...nav, SECURITY_NAV].map((item) => {
            const active = isActive(pathname, item.to);
            return (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                active={active}
                variant="filled"
                aria-current={active ? "page" : undefined}
                onClick={close}
              />
            );
          })}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        <Stack gap="lg" maw={960}>
          {clinicianRole && me.pendingVerification ? (
            <PendingVerificationBanner role={clinicianRole} />
          ) : null}
          <Suspense fallback={<LoadingState label="Loading page" />}>
            <Outlet />
          </Suspense>
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
