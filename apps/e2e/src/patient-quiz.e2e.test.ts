import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freshEmail } from "./harness/accounts";
import { expectNoAxeViolations } from "./harness/axe";
import { browserAvailable, expectNoPageErrors, launchBrowser, newPage, screenshot } from "./harness/browser";
import { signUp, waitForPath } from "./harness/portal";

const PASSWORD = "correct-horse-battery";

describe.skipIf(!browserAvailable)("patient quiz", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("take the quiz, see the score, the explanations and everyone's statistics, then try again", async () => {
    const t = await newPage(browser, "patient-quiz");
    const { page } = t;
    await signUp(page, "patient", { name: "Quinn Quiz", email: freshEmail("patient"), password: PASSWORD });

    // Reachable from home.
    await page.getByRole("link", { name: "Not sure? Take the 2-minute quiz" }).click();
    await page.getByRole("heading", { level: 1, name: "Quiz: know your prescription" }).waitFor();
    await waitForPath(page, "/patient/quiz");
    const groups = page.getByRole("radiogroup");
    await groups.first().waitFor();
    const questions = await groups.count();
    expect(questions).toBeGreaterThanOrEqual(10);
    expect(questions).toBeLessThanOrEqual(15);
    await expectNoAxeViolations(page, "the quiz");
    await screenshot(page, "patient-quiz-questions");

    // Nothing answered: every question says so, and nothing is sent.
    await page.getByRole("button", { name: "Check my answers" }).click();
    await page.getByRole("alert").filter({ hasText: "Answer every question first" }).waitFor();
    expect(await page.getByText("Choose an answer").count()).toBe(questions);

    // Answer each question (the first option, then the second for variety).
    for (let i = 0; i < questions; i++) {
      const options = groups.nth(i).getByRole("radio");
      await options.nth(i % 2).click();
      expect(await options.nth(i % 2).getAttribute("aria-checked")).toBe("true");
    }
    await expect.poll(() => page.getByText("Choose an answer").count()).toBe(0);
    await page.getByRole("button", { name: "Check my answers" }).click();

    // Score, then one explained result per question: marked correct or not, the right answer shown when wrong.
    const score = page.getByRole("heading", { level: 2, name: /^You got \d+ of \d+ right$/ });
    await score.waitFor();
    const [, right, total] = /You got (\d+) of (\d+) right/.exec((await score.textContent()) ?? "") ?? [];
    expect(Number(total)).toBe(questions);
    const results = page.getByRole("article");
    expect(await results.count()).toBe(questions);
    expect(await page.getByText("✓ Correct").count()).toBe(Number(right));
    expect(await page.getByText("✗ Not quite").count()).toBe(questions - Number(right));
    expect(await page.getByText("Correct answer:").count()).toBe(questions - Number(right));
    expect(await page.getByText("Your answer:").count()).toBe(questions);

    // Everyone's statistics: attempts, best score, the chart, and how others answered each question.
    const stats = page.getByRole("region", { name: "How everyone did" });
    await stats.getByText("Times the quiz was taken").waitFor();
    await stats.getByText(`${right} of ${total}`).waitFor();
    await stats.locator(".recharts-surface").waitFor();
    await expect.poll(() => stats.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);
    expect(await page.getByText(/^How others answered/).count()).toBe(questions);
    await expectNoAxeViolations(page, "the quiz results with statistics");
    await screenshot(page, "patient-quiz-results");

    // Try again: a fresh, unanswered quiz.
    await page.getByRole("button", { name: "Try again" }).first().click();
    await page.getByRole("button", { name: "Check my answers" }).waitFor();
    expect(await page.getByRole("radio", { checked: true }).count()).toBe(0);
    expectNoPageErrors(t);
    await t.context.close();
  });
});
