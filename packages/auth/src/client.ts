import { inferAdditionalFields } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import type { Auth } from "./server";

/** Browser client for better-auth's endpoints on the same origin (/api/auth). */
export function createPortalAuthClient() {
  return createAuthClient({
    basePath: "/api/auth",
    plugins: [inferAdditionalFields<Auth>()],
  });
}

export type PortalAuthClient = ReturnType<typeof createPortalAuthClient>;
