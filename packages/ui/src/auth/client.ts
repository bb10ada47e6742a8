import { createPortalAuthClient } from "@mm/auth/client";

/** The one better-auth client of a portal (same origin: /api/auth). */
export const authClient = createPortalAuthClient();
