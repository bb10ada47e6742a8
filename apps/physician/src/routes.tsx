import type { PortalNavItem } from "@mm/ui";
import { lazy } from "react";
import type { RouteObject } from "react-router";

// Every page loads on demand, so the first visit downloads only the shell (initial JS stays small).
const HomePage = lazy(() => import("./pages/home-page"));
const ProfilePage = lazy(() => import("./pages/profile-page"));
const ReferralsPage = lazy(() => import("./pages/referrals-page"));
const ReferralPage = lazy(() => import("./pages/referral-page"));
const SignPrescriptionPage = lazy(() =>
  import("./pages/prescription-form-page").then((m) => ({ default: m.SignPrescriptionPage })),
);
const RenewPrescriptionPage = lazy(() =>
  import("./pages/prescription-form-page").then((m) => ({ default: m.RenewPrescriptionPage })),
);
const PrescriptionPage = lazy(() => import("./pages/prescription-page"));
const JustificationPage = lazy(() => import("./pages/justification-page"));

export const nav: PortalNavItem[] = [
  { to: "/", label: "Home" },
  { to: "/referrals", label: "Referrals" },
  { to: "/profile", label: "My profile" },
];

/** Only ids in addresses: never health data (DOMAIN.md). */
export const routes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: "profile", element: <ProfilePage /> },
  { path: "referrals", element: <ReferralsPage /> },
  { path: "referrals/:id", element: <ReferralPage /> },
  { path: "referrals/:id/sign", element: <SignPrescriptionPage /> },
  { path: "referrals/:id/renew", element: <RenewPrescriptionPage /> },
  { path: "referrals/:id/prescription", element: <PrescriptionPage /> },
  { path: "referrals/:id/prescription/:prescriptionId", element: <PrescriptionPage /> },
  { path: "referrals/:id/justification", element: <JustificationPage /> },
];
