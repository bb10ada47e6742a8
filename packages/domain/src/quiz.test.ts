import { describe, expect, it } from "vitest";
import { DomainError } from "./errors";
import {
  aggregateQuizStats,
  gradeQuiz,
  publicQuiz,
  QUIZ_QUESTIONS,
  type QuizAnswer,
  quizSubmitSchema,
} from "./quiz";

const allCorrect = (): QuizAnswer[] =>
  QUIZ_QUESTIONS.map((q) => ({ questionId: q.id, optionId: q.correctOptionId }));

function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("QUIZ_QUESTIONS", () => {
  it("has 12 well-formed questions with stable, unique slugs", () => {
    expect(QUIZ_QUESTIONS).toHaveLength(12);
    expect(new Set(QUIZ_QUESTIONS.map((q) => q.id)).size).toBe(12);
    for (const q of QUIZ_QUESTIONS) {
      expect(q.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(q.prompt).toMatch(/\?$/);
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      expect(q.options.length).toBeLessThanOrEqual(4);
      expect(new Set(q.options.map((o) => o.id)).size).toBe(q.options.length);
      expect(q.options.map((o) => o.id)).toContain(q.correctOptionId);
      expect(q.explanation.length).toBeGreaterThan(80);
    }
  });
  it("does not always put the right answer in the same place", () => {
    expect(new Set(QUIZ_QUESTIONS.map((q) => q.correctOptionId)).size).toBeGreaterThanOrEqual(3);
  });
  it("covers the topics patients need", () => {
    const text = QUIZ_QUESTIONS.map(
      (q) => `${q.prompt} ${q.options.map((o) => o.text).join(" ")} ${q.explanation}`,
    )
      .join(" ")
      .toLowerCase();
    for (const topic of [
      "physician",
      "diagnosis",
      "npi",
      "signature",
      "number of sessions",
      "prior authorization",
      "visits",
      "per session",
      "in-network",
      "licensed",
      "masseuse",
      "medical condition",
      "renewed",
    ]) {
      expect(text, topic).toContain(topic);
    }
  });
});

describe("publicQuiz", () => {
  it("hides answers and explanations", () => {
    const pub = publicQuiz();
    expect(pub).toHaveLength(12);
    for (const q of pub) {
      expect(Object.keys(q).sort()).toEqual(["id", "options", "prompt"]);
      expect(JSON.stringify(q)).not.toContain("correctOptionId");
    }
    expect(pub[0]?.options[1]).toEqual({ id: "b", text: "Long-lasting low back pain with muscle spasm" });
  });
  it("returns copies: editing them does not change the quiz", () => {
    const pub = publicQuiz();
    (pub[0]?.options[0] as { text: string }).text = "changed";
    expect(QUIZ_QUESTIONS[0]?.options[0]?.text).toBe("A fever and a cough");
  });
});

describe("gradeQuiz", () => {
  it("scores a perfect attempt, results in quiz order", () => {
    const g = gradeQuiz([...allCorrect()].reverse());
    expect(g.score).toBe(12);
    expect(g.total).toBe(12);
    expect(g.results.map((r) => r.questionId)).toEqual(QUIZ_QUESTIONS.map((q) => q.id));
    expect(g.results.every((r) => r.correct)).toBe(true);
    expect(g.results[0]?.explanation).toBe(QUIZ_QUESTIONS[0]?.explanation);
  });
  it("marks wrong answers with the correct option and explanation", () => {
    const answers = allCorrect();
    answers[0] = { questionId: "when-massage-helps", optionId: "a" };
    answers[11] = { questionId: "progress-reports-renewal", optionId: "d" };
    const g = gradeQuiz(answers);
    expect(g.score).toBe(10);
    expect(g.results[0]).toEqual({
      questionId: "when-massage-helps",
      chosenOptionId: "a",
      correctOptionId: "b",
      correct: false,
      explanation: QUIZ_QUESTIONS[0]?.explanation,
    });
    expect(g.results[11]).toMatchObject({ chosenOptionId: "d", correctOptionId: "c", correct: false });
  });
  it("refuses an unknown question, naming its index", () => {
    const answers = [...allCorrect(), { questionId: "made-up", optionId: "a" }];
    const e = domainError(() => gradeQuiz(answers));
    expect(e.kind).toBe("invalid");
    expect(e.rule).toBe("answers.12.questionId");
    expect(e.message).toBe('Unknown question "made-up"');
  });
  it("refuses missing answers, listing them", () => {
    const e = domainError(() => gradeQuiz(allCorrect().slice(0, 10)));
    expect(e.rule).toBe("answers");
    expect(e.message).toBe("Missing answers for: question 11, question 12");
    expect(domainError(() => gradeQuiz([])).message).toMatch(
      /^Missing answers for: question 1, question 2, /,
    );
  });
  it("refuses a question answered twice", () => {
    const answers = [...allCorrect(), { questionId: "what-is-npi", optionId: "a" }];
    const e = domainError(() => gradeQuiz(answers));
    expect(e.rule).toBe("answers.12.questionId");
    expect(e.message).toBe("Question 5 is answered more than once");
  });
  it("refuses an option that does not belong to the question", () => {
    const answers = allCorrect();
    answers[1] = { questionId: "red-flags-see-physician", optionId: "d" };
    const e = domainError(() => gradeQuiz(answers));
    expect(e.rule).toBe("answers.1.optionId");
    expect(e.message).toBe("Choose one of the listed answers for question 2");
  });
});

describe("quizSubmitSchema", () => {
  it("accepts one answer per question", () => {
    expect(quizSubmitSchema.parse({ answers: allCorrect() }).answers).toHaveLength(12);
  });
  it("reports the same problems as gradeQuiz, at their paths", () => {
    const r = quizSubmitSchema.safeParse({
      answers: [...allCorrect().slice(1), { questionId: "nope", optionId: "a" }, allCorrect()[2]],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["answers.11.questionId", 'Unknown question "nope"'],
      ["answers.12.questionId", "Question 3 is answered more than once"],
      ["answers", "Missing answers for: question 1"],
    ]);
  });
  it("requires the shape", () => {
    expect(quizSubmitSchema.safeParse({}).success).toBe(false);
    expect(
      quizSubmitSchema.safeParse({ answers: [{ questionId: "what-is-npi" }] }).error?.issues[0]?.message,
    ).toBe("Choose an answer");
  });
});

describe("aggregateQuizStats", () => {
  it("counts options and the share answered correctly, per question in quiz order", () => {
    const rows = [
      { questionId: "what-is-npi", optionId: "b", correct: true },
      { questionId: "what-is-npi", optionId: "b", correct: true },
      { questionId: "what-is-npi", optionId: "a", correct: false },
      { questionId: "when-massage-helps", optionId: "b", correct: true },
      { questionId: "retired-question", optionId: "a", correct: true },
      { questionId: "what-is-npi", optionId: "z", correct: false },
    ];
    const stats = aggregateQuizStats(rows);
    expect(stats.map((s) => s.questionId)).toEqual(QUIZ_QUESTIONS.map((q) => q.id));
    const npi = stats.find((s) => s.questionId === "what-is-npi");
    expect(npi).toMatchObject({ total: 3, correct: 2, percentCorrect: 67 });
    expect(npi?.options.map((o) => [o.optionId, o.count, o.percent])).toEqual([
      ["a", 1, 33],
      ["b", 2, 67],
      ["c", 0, 0],
    ]);
    expect(stats[0]).toMatchObject({ total: 1, correct: 1, percentCorrect: 100 });
  });
  it("gives null percentages when nobody answered", () => {
    const stats = aggregateQuizStats([]);
    expect(stats).toHaveLength(12);
    expect(stats[3]).toMatchObject({ total: 0, correct: 0, percentCorrect: null });
    expect(stats[3]?.options.every((o) => o.count === 0 && o.percent === null)).toBe(true);
  });
});

describe("aggregateQuizStats with pre-grouped rows", () => {
  it("weights each row by its count, exactly like the same answers one by one", () => {
    const q = QUIZ_QUESTIONS[0]!;
    const wrong = q.options.find((o) => o.id !== q.correctOptionId)!;
    const one = (optionId: string, correct: boolean) => ({ questionId: q.id, optionId, correct });
    const singles = [...Array(3)].map(() => one(q.correctOptionId, true)).concat(one(wrong.id, false));
    const grouped = [
      { ...one(q.correctOptionId, true), count: 3 },
      { ...one(wrong.id, false), count: 1 },
    ];
    expect(aggregateQuizStats(grouped)).toEqual(aggregateQuizStats(singles));
    expect(aggregateQuizStats(grouped)[0]).toMatchObject({ total: 4, correct: 3, percentCorrect: 75 });
  });
});
