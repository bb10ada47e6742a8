import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { inject, onTestFailed } from "vitest";
import { CHROMIUM_ARGS } from "./chromium";

export const baseURL = inject("baseURL");
export const artifactsDir = inject("artifactsDir");
const chromiumPath = inject("chromiumPath");

/** False when no Chromium was found outside CI: suites use `describe.skipIf(!browserAvailable)`. */
export const browserAvailable = chromiumPath !== "";

/** Absolute URL on the server under test, e.g. `url("/patient/sign-in")`. */
export function url(path: string): string {
  return `${baseURL}${path}`;
}

/**
 * Debian Chromium. Playwright gives every launch a fresh temporary user-data-dir (it refuses a
 * `--user-data-dir` flag in `launch`), so no profile state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
}

export type TestPage = { page: Page; context: BrowserContext; pageErrors: Error[] };

/**
 * A page in a fresh context (no cookies). Uncaught page errors are collected (assert with `expectNoPageErrors`),
 * and a screenshot is saved if the test fails.
 */
export async function newPage(browser: Browser, name = "page"): Promise<TestPage> {
  // Reduced motion (which the portals honour): axe judges dialogs at rest, not half-way through a fade-in.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    locale: "en-US",
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  onTestFailed(async ({ task }) => {
    const file = join(artifactsDir, `FAILED-${slug(task.name)}-${slug(name)}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.warn(`Screenshot of the failed test: ${file}`);
  });
  return { page, context, pageErrors };
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 80);
}

/** Full-page screenshot into the artifacts folder; returns (and prints) its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(artifactsDir, `${slug(name)}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.warn(`Screenshot: ${file}`);
  return file;
}

export function expectNoPageErrors(t: TestPage): void {
  if (t.pageErrors.length > 0) {
    throw new Error(
      `Uncaught errors in the page:\n${t.pageErrors.map((e) => `  ${e.stack ?? e}`).join("\n")}`,
    );
  }
}
