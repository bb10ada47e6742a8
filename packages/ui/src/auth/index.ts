/** @mm/ui/auth: sign-in and sign-up (better-auth), loaded on demand by `portalRoutes`. */
export { authClient } from "./client";
export { type AuthClientError, type AuthErrorView, authErrorView } from "./errors";
export { SignInPage, SignUpPage } from "./pages";
export {
  PASSWORD_MAX,
  PASSWORD_MIN,
  type SignInValues,
  type SignUpValues,
  signInSchema,
  signUpSchema,
} from "./schemas";
