/**
 * @mm/ui: what every portal page needs on first load (shell, guard, providers, states). Form helpers live in
 * `@mm/ui/forms` and the signed-out pages in `@mm/ui/auth`, so they load with the pages that use them.
 */
export { BarePage } from "./bare-page";
export { CalendarFeedPanel } from "./calendar-feed";
export {
  addDays,
  addDaysLocal,
  dayIn,
  formatDateTime,
  formatDay,
  formatInstantDate,
  fromNow,
  localToday,
} from "./dates";
export { errorMessage, serverFieldErrors } from "./errors";
export { RequireRole } from "./guard";
export { firstName, NextStepCard, type QuickLink, QuickLinks } from "./home";
export { MeProvider, useMe, useMeQuery, useOptionalMe } from "./me";
export { NeedsYourAction } from "./notifications/needs-action";
export { notify } from "./notify";
export { NotFoundPage, PageHeader, RouteErrorPage } from "./pages";
export { PendingVerificationBanner, pendingVerificationText } from "./pending-verification-banner";
export { PortalRoot, type PortalRoutesOptions, portalRoutes } from "./portal";
export { PORTAL_TITLE, PRODUCT_NAME, ROLE_NAME, withArticle } from "./roles";
export { type PortalNavItem, PortalShell } from "./shell";
export { useSignOut } from "./sign-out";
export { EmptyState, ErrorState, FormError, LoadingState } from "./states";
export { cssVariablesResolver, theme } from "./theme";
export {
  type ApiError,
  ApiProvider,
  apiErrorCode,
  createApiClient,
  createQueryClient,
  isApiError,
  type Me,
  type RouterInputs,
  type RouterOutputs,
  TRPCProvider,
  useTRPC,
  useTRPCClient,
} from "./trpc";
export { WRAP_LABEL } from "./wrap";
