import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expectNoHorizontalOverflow } from "./overflow";

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;
type Violation = AxeResults["violations"][number];

/** One readable block per violation: rule, impact, what to fix, and each offending element. */
export function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) => `    - ${n.target.join(" ")}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`,
        )
        .join("\n");
      return `* ${v.id} (${v.impact ?? "n/a"}): ${v.help}\n  ${v.helpUrl}\n${nodes}`;
    })
    .join("\n\n");
}

/**
 * Runs axe-core (WCAG 2.x A/AA plus best practices) on the page as it is now and fails with a readable list when
 * anything is found; then checks that the screen does not scroll sideways on a 360 px phone. Every screen a test
 * checks with axe gets both. Wait for the page's content before calling it.
 */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  if (results.violations.length > 0) {
    throw new Error(
      `axe found ${results.violations.length} accessibility violation(s) on ${what} (${page.url()}):\n\n${formatViolations(results.violations)}`,
    );
  }
  await expectNoHorizontalOverflow(page, what);
}
