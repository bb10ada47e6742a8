import type { PortalNavItem } from "@mm/ui";
import { lazy } from "react";
import { Outlet, type RouteObject, ScrollRestoration } from "react-router";

// Every page loads on demand, so the first visit downloads only the shell (initial JS stays small on a phone).
const HomePage = lazy(() => import("./pages/home-page"));
const ProfilePage = lazy(() => import("./pages/profile-page"));
const DisclosuresPage = lazy(() => import("./pages/disclosures-page"));
const ReferralsPage = lazy(() => import("./pages/referrals-page"));
const NewReferralPage = lazy(() => import("./pages/new-referral-page"));
const ReferralPage = lazy(() => import("./pages/referral-page"));
const PrescriptionPage = lazy(() => import("./pages/prescription-page"));
const TherapistsPage = lazy(() => import("./pages/therapists-page"));
const InsurancePage = lazy(() => import("./pages/insurance-page"));
const QuizPage = lazy(() => import("./pages/quiz-page"));

export const nav: PortalNavItem[] = [
  { to: "/", label: "Home" },
  { to: "/referrals", label: "My referrals" },
  { to: "/insurance", label: "Insurance" },
  { to: "/quiz", label: "Quiz" },
  { to: "/profile", label: "My profile" },
];

/** Every page opens at its top (and back/forward return to where you were), as in a multi-page site. */
function PatientPages() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

// IDs in paths only: health data never goes into a URL or query string.
const pages: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: "profile", element: <ProfilePage /> },
  { path: "profile/disclosures", element: <DisclosuresPage /> },
  { path: "referrals", element: <ReferralsPage /> },
  { path: "referrals/new", element: <NewReferralPage /> },
  { path: "referrals/:id", element: <ReferralPage /> },
  { path: "referrals/:id/prescription", element: <PrescriptionPage /> },
  { path: "referrals/:id/therapists", element: <TherapistsPage /> },
  { path: "insurance", element: <InsurancePage /> },
  { path: "quiz", element: <QuizPage /> },
];

export const routes: RouteObject[] = [{ element: <PatientPages />, children: pages }];
