import type { PortalNavItem } from "@mm/ui";
import { lazy } from "react";
import type { RouteObject } from "react-router";

// Every page loads on demand, so the first visit downloads only the shell (initial JS stays small).
const HomePage = lazy(() => import("./pages/home-page"));
const ProfilePage = lazy(() => import("./pages/profile-page"));
const ReferralsPage = lazy(() => import("./pages/referrals-page"));
const ReferralPage = lazy(() => import("./pages/referral-page"));
const SessionNewPage = lazy(() => import("./pages/session-new-page"));
const SchedulePage = lazy(() => import("./pages/schedule-page"));

export const nav: PortalNavItem[] = [
  { to: "/", label: "Home" },
  { to: "/referrals", label: "Referrals" },
  { to: "/schedule", label: "Schedule" },
  { to: "/profile", label: "My profile" },
];

/** Only ids in addresses: never health data (DOMAIN.md). */
export const routes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: "profile", element: <ProfilePage /> },
  { path: "referrals", element: <ReferralsPage /> },
  { path: "referrals/:id", element: <ReferralPage /> },
  { path: "referrals/:id/sessions/new", element: <SessionNewPage /> },
  { path: "schedule", element: <SchedulePage /> },
];
