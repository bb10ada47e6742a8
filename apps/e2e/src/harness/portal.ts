import { generate } from "otplib";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_TWO_FACTOR_EMAILS, type PortalRole } from "./accounts";
import { url } from "./browser";

/**
 * Opens a portal's sign-in page (of the shared server, or of an in-process one at `origin`) and signs in. Does not
 * wait for what comes next.
 */
export async function signIn(
  page: Page,
  role: PortalRole,
  email: string,
  password: string,
  origin?: string,
): Promise<void> {
  await page.goto(origin ? `${origin}/${role}/sign-in` : url(`/${role}/sign-in`));
  await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Demo physicians have two-factor sign-in on (physicians sign prescriptions only with it).
  if (DEMO_TWO_FACTOR_EMAILS.includes(email) && password === DEMO_PASSWORD) {
    await page.getByRole("heading", { level: 1, name: "Two-factor sign-in" }).waitFor();
    await page
      .getByRole("textbox", { name: "Authentication code" })
      .fill(await generate({ secret: DEMO_TOTP_SECRET }));
    await page.getByRole("button", { name: "Verify" }).click();
  }
}

/** Signs up on a portal's sign-up page and waits for the home page. */
export async function signUp(
  page: Page,
  role: PortalRole,
  account: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto(url(`/${role}/sign-up`));
  await fillSignUp(page, account);
  await page.getByRole("heading", { level: 1, name: /^Welcome/ }).waitFor();
}

export async function fillSignUp(page: Page, account: { name: string; email: string; password: string }) {
  await page.getByRole("heading", { level: 1, name: "Create your account" }).waitFor();
  await page.getByRole("textbox", { name: "Full name" }).fill(account.name);
  await page.getByRole("textbox", { name: "Email" }).fill(account.email);
  await page.getByRole("textbox", { name: "Password", exact: true }).fill(account.password);
  await page.getByRole("textbox", { name: "Confirm password" }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Picks an option in a Mantine Select / MultiSelect found by its label. */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole("combobox", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Waits until the page's path is `path` (a trailing slash does not matter: /patient and /patient/ are home). */
export async function waitForPath(page: Page, path: string): Promise<void> {
  const strip = (p: string) => p.replace(/\/+$/, "");
  await page.waitForURL((u) => strip(u.pathname) === strip(path));
}
