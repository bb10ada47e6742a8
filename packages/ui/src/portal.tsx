import { MantineProvider } from "@mantine/core";
import { useNotifications } from "@mantine/notifications";
import type { SignupRole } from "@mm/domain";
import { lazy, Suspense, useState } from "react";
import { type RouteObject, RouterProvider } from "react-router";
import { BarePage } from "./bare-page";
import { RequireRole } from "./guard";
import { NotFoundPage, RouteErrorPage } from "./pages";
import { type PortalNavItem, PortalShell } from "./shell";
import { LoadingState } from "./states";
import { cssVariablesResolver, theme } from "./theme";
import { ApiProvider } from "./trpc";

// Signed-out pages (and the auth client and zod they need) load only when someone is signed out.
const SignInPage = lazy(() => import("./auth/pages").then((m) => ({ default: m.SignInPage })));
const SignUpPage = lazy(() => import("./auth/pages").then((m) => ({ default: m.SignUpPage })));
const ForgotPasswordPage = lazy(() =>
  import("./auth/recovery-pages").then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import("./auth/recovery-pages").then((m) => ({ default: m.ResetPasswordPage })),
);
const NotificationsPage = lazy(() =>
  import("./notifications/notifications-page").then((m) => ({ default: m.NotificationsPage })),
);
const SecurityPage = lazy(() => import("./auth/security-page").then((m) => ({ default: m.SecurityPage })));

// Most visits show no toast: the container (transitions and all) loads when the first one is queued.
const ToastContainer = lazy(() => import("./toasts").then((m) => ({ default: m.ToastContainer })));

function Toasts() {
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  if (!needed && notifications.length + queue.length > 0) setNeeded(true);
  return needed ? (
    <Suspense fallback={null}>
      <ToastContainer />
    </Suspense>
  ) : null;
}

export type PortalRoutesOptions = {
  role: SignupRole;
  /** Links in the portal's navigation, e.g. `{ to: "/profile", label: "Profile" }`. */
  nav: PortalNavItem[];
  /** The portal's own pages, below the route guard and inside the shell (`index: true` is home). */
  routes: RouteObject[];
};

/**
 * The route tree every portal shares: /sign-in and /sign-up, then everything else behind the role guard inside the
 * shell. Give it to `createBrowserRouter(..., { basename: "/<role>" })`.
 */
// The Mantine styles only pages past the first screens use: a route loads them before it renders. Sign-in and the
// home page (index routes) do without, so a first visit does not download them.
const loadPageStyles = async () => {
  await import("./page-styles.css");
  return {};
};

function withPageStyles(route: RouteObject): RouteObject {
  if (route.children) return { ...route, children: route.children.map(withPageStyles) } as RouteObject;
  if (route.index || route.path === "/sign-in") return route;
  return { ...route, lazy: loadPageStyles } as RouteObject;
}

export function portalRoutes({ role, nav, routes }: PortalRoutesOptions): RouteObject[] {
  return pageRoutes({ role, nav, routes }).map(withPageStyles);
}

function pageRoutes({ role, nav, routes }: PortalRoutesOptions): RouteObject[] {
  return [
    { path: "/sign-in", element: <SignInPage role={role} />, errorElement: <RouteErrorPage /> },
    { path: "/sign-up", element: <SignUpPage role={role} />, errorElement: <RouteErrorPage /> },
    {
      path: "/forgot-password",
      element: <ForgotPasswordPage role={role} />,
      errorElement: <RouteErrorPage />,
    },
    { path: "/reset-password", element: <ResetPasswordPage role={role} />, errorElement: <RouteErrorPage /> },
    {
      path: "/",
      element: (
        <RequireRole role={role}>
          <PortalShell role={role} nav={nav} />
        </RequireRole>
      ),
      errorElement: <RouteErrorPage />,
      children: [
        ...routes,
        // Every portal's account security (email, password, two-factor), linked from the shell.
        { path: "security", element: <SecurityPage role={role} /> },
        { path: "notifications", element: <NotificationsPage /> },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ];
}

type Router = Parameters<typeof RouterProvider>[0]["router"];

/** Theme, notifications, tRPC + react-query, and the router. */
export function PortalRoot({ router }: { router: Router }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Toasts />
      <ApiProvider>
        <Suspense
          fallback={
            <BarePage title="Loading">
              <LoadingState label="Loading page" />
            </BarePage>
          }
        >
          <RouterProvider router={router} />
        </Suspense>
      </ApiProvider>
    </MantineProvider>
  );
}
