import { inferAdditionalFields, twoFactorClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import type { Auth } from "./server";

/** Browser client for better-auth's endpoints on the same origin (/api/auth). */
export function createPortalAuthClient() {
  return createAuthClient({
    basePath: "/api/auth",
    // twoFactorClient: a sign-in that needs a TOTP code answers `twoFactorRedirect`; the sign-in page asks for it.
    plugins: [inferAdditionalFields<Auth>(), twoFactorClient()],
  });
}

export type PortalAuthClient = ReturnType<typeof createPortalAuthClient>;
