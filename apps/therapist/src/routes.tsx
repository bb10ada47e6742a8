import type { PortalNavItem } from "@mm/ui";
import { lazy } from "react";
import type { RouteObject } from "react-router";
import { HomePage } from "./pages/HomePage";

// Pages other than home load on demand, so the first visit downloads only the shell.
const ProfilePage = lazy(() => import("./pages/ProfilePage"));

export const nav: PortalNavItem[] = [
  { to: "/", label: "Home" },
  { to: "/profile", label: "My profile" },
];

export const routes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: "profile", element: <ProfilePage /> },
];
