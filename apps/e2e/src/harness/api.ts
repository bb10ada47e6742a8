import { generate } from "otplib";
import type { APIRequestContext } from "playwright-core";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./accounts";
import { baseURL, url } from "./browser";

/** Calls a tRPC procedure with the request context's session; queries (`.get`, `.list`) as GET. */
export async function trpc(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.post(url(`/trpc/${path}`), {
    data: input,
    headers: {
      origin: baseURL,
      "x-http-method-override": path.endsWith(".get") || path.endsWith(".list") ? "GET" : "POST",
    },
  });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${JSON.stringify(body)}`);
  return body.result.data;
}

/** Signs the request context in through the API (answering the TOTP step of the demo physicians). */
export async function apiSignIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const res = await request.post(url("/api/auth/sign-in/email"), {
    data: { email, password },
    headers: { origin: baseURL },
  });
  if (!res.ok()) throw new Error(`sign-in ${email}: ${res.status()}`);
  // Demo physicians have two-factor sign-in on: the password alone leaves a pending session that a code completes.
  if (((await res.json()) as { twoFactorRedirect?: boolean }).twoFactorRedirect) {
    const verified = await request.post(url("/api/auth/two-factor/verify-totp"), {
      data: { code: await generate({ secret: DEMO_TOTP_SECRET }) },
      headers: { origin: baseURL },
    });
    if (!verified.ok()) throw new Error(`two-factor sign-in ${email}: ${verified.status()}`);
  }
}
