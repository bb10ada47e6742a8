import { quizAnswer, quizAttempt } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { DomainError, QUIZ_QUESTIONS, type QuizAnswer, type QuizQuestion } from "@mm/domain";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitQuiz } from "./services/quiz-service";
import { errorOf } from "./testing/referral-fixtures";
import { createTestApi, type TestApi } from "./testing/test-support";

const N = QUIZ_QUESTIONS.length;
const wrongOption = (q: QuizQuestion) => q.options.find((o) => o.id !== q.correctOptionId)!.id;

/** Answers for the whole quiz: correct everywhere except the question indexes listed. */
function answers(wrongAt: number[] = []): QuizAnswer[] {
  return QUIZ_QUESTIONS.map((q, i) => ({
    questionId: q.id,
    optionId: wrongAt.includes(i) ? wrongOption(q) : q.correctOptionId,
  }));
}

async function rowCounts(api: TestApi) {
  const [attempts] = await api.db.select({ n: count() }).from(quizAttempt);
  const [answerRows] = await api.db.select({ n: count() }).from(quizAnswer);
  return { attempts: attempts?.n ?? -1, answers: answerRows?.n ?? -1 };
}

describe.each(testDbTargets())("patient quiz on %s", (target) => {
  let api: TestApi;
  let patient: Awaited<ReturnType<TestApi["signUp"]>>;
  beforeAll(async () => {
    api = await createTestApi(target);
    patient = await api.signUp("patient");
  });
  afterAll(async () => api?.close());

  describe("quiz.get", () => {
    it("lists every question and option but never the answers or explanations", async () => {
      const quiz = await patient.caller.quiz.get();
      expect(quiz.questions.map((q) => q.id)).toEqual(QUIZ_QUESTIONS.map((q) => q.id));
      expect(quiz.questions[0]?.options).toEqual(QUIZ_QUESTIONS[0]?.options);
      const json = JSON.stringify(quiz);
      expect(json).not.toContain("correctOptionId");
      expect(json).not.toContain("explanation");
      for (const q of QUIZ_QUESTIONS) expect(json).not.toContain(q.explanation);
    });
  });

  describe("quiz.submit", () => {
    it("grades an all-correct attempt and stores it with every answer", async () => {
      const res = await patient.caller.quiz.submit({ answers: answers() });
      expect(res).toMatchObject({ score: N, total: N });
      expect(res.results).toHaveLength(N);
      expect(res.results.every((r) => r.correct)).toBe(true);
      expect(res.results[0]).toEqual({
        questionId: QUIZ_QUESTIONS[0]?.id,
        chosenOptionId: QUIZ_QUESTIONS[0]?.correctOptionId,
        correctOptionId: QUIZ_QUESTIONS[0]?.correctOptionId,
        correct: true,
        explanation: QUIZ_QUESTIONS[0]?.explanation,
      });

      const [attempt] = await api.db.select().from(quizAttempt).where(eq(quizAttempt.id, res.attemptId));
      expect(attempt).toMatchObject({ patientId: patient.user.id, score: N, total: N });
      const stored = await api.db.select().from(quizAnswer).where(eq(quizAnswer.attemptId, res.attemptId));
      expect(stored).toHaveLength(N);
      expect(stored.every((a) => a.correct)).toBe(true);
    });

    it("grades a partly-correct attempt with the correct option and explanation per question", async () => {
      const wrongAt = [0, 2, 4];
      // Answers in any order: results come back in quiz order.
      const res = await patient.caller.quiz.submit({ answers: answers(wrongAt).reverse() });
      expect(res.score).toBe(N - 3);
      expect(res.total).toBe(N);
      expect(res.results.map((r) => r.questionId)).toEqual(QUIZ_QUESTIONS.map((q) => q.id));
      res.results.forEach((r, i) => {
        const q = QUIZ_QUESTIONS[i]!;
        expect(r.correct).toBe(!wrongAt.includes(i));
        expect(r.correctOptionId).toBe(q.correctOptionId);
        expect(r.chosenOptionId).toBe(wrongAt.includes(i) ? wrongOption(q) : q.correctOptionId);
        expect(r.explanation).toBe(q.explanation);
      });
      const stored = await api.db.select().from(quizAnswer).where(eq(quizAnswer.attemptId, res.attemptId));
      expect(
        stored
          .filter((a) => !a.correct)
          .map((a) => a.questionId)
          .sort(),
      ).toEqual(wrongAt.map((i) => QUIZ_QUESTIONS[i]!.id).sort());
    });

    it("refuses an unknown question id naming the field, and writes nothing", async () => {
      const before = await rowCounts(api);
      const bad = answers();
      bad[3] = { questionId: "no-such-question", optionId: "a" };
      const err = await errorOf(patient.caller.quiz.submit({ answers: bad }));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/^answers\.3\.questionId:/);
      expect(await rowCounts(api)).toEqual(before);
    });

    it("refuses an option that the question does not have, naming the field", async () => {
      const bad = answers();
      bad[1] = { questionId: QUIZ_QUESTIONS[1]!.id, optionId: "zz" };
      const err = await errorOf(patient.caller.quiz.submit({ answers: bad }));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/^answers\.1\.optionId:/);
    });

    it("refuses missing answers naming answers, and writes nothing", async () => {
      const before = await rowCounts(api);
      const cases: unknown[] = [{}, { answers: [] }, { answers: answers().slice(1) }];
      for (const input of cases) {
        const err = await errorOf(patient.caller.quiz.submit(input as never));
        expect(err.code, JSON.stringify(input).slice(0, 40)).toBe("BAD_REQUEST");
        expect(err.message).toMatch(/^answers:/);
      }
      const oneMissing = await errorOf(patient.caller.quiz.submit({ answers: answers().slice(1) }));
      expect(oneMissing.message).toContain("question 1");
      expect(await rowCounts(api)).toEqual(before);
    });

    it("refuses a question answered twice naming the field", async () => {
      const bad = [...answers(), { questionId: QUIZ_QUESTIONS[0]!.id, optionId: "a" }];
      const err = await errorOf(patient.caller.quiz.submit({ answers: bad }));
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(new RegExp(`^answers\\.${N}\\.questionId:`));
    });

    it("grades again in the service (not only in the input schema) before writing", async () => {
      const before = await rowCounts(api);
      const me = { ...patient.user, name: "Pat", role: "patient" as const };
      const bad = answers();
      bad[2] = { questionId: "nope", optionId: "a" };
      const err = await submitQuiz(api.db, me, { answers: bad }, new Date()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ kind: "invalid", rule: "answers.2.questionId" });
      expect(await rowCounts(api)).toEqual(before);
    });
  });

  describe("quiz.stats", () => {
    // A database of its own, so the counts below are exact.
    let statsApi: TestApi;
    beforeAll(async () => {
      statsApi = await createTestApi(target);
    });
    afterAll(async () => statsApi?.close());

    it("is empty before anyone answers", async () => {
      const { caller } = await statsApi.signUp("patient");
      const stats = await caller.quiz.stats();
      expect(stats.attempts).toBe(0);
      expect(stats.total).toBe(N);
      expect(stats.mine).toEqual({ attempts: 0, bestScore: null });
      expect(stats.questions).toHaveLength(N);
      for (const q of stats.questions) {
        expect(q).toMatchObject({ total: 0, correct: 0, percentCorrect: null });
        expect(q.options.every((o) => o.count === 0 && o.percent === null)).toBe(true);
      }
    });

    it("aggregates every patient's attempts with exact counts and percentages; best score is per patient", async () => {
      const ana = await statsApi.signUp("patient");
      const ben = await statsApi.signUp("patient");
      const cat = await statsApi.signUp("patient");
      await ana.caller.quiz.submit({ answers: answers() }); // N / N
      await ana.caller.quiz.submit({ answers: answers([0, 1]) }); // N - 2
      await ben.caller.quiz.submit({ answers: answers([0]) }); // N - 1

      const stats = await ana.caller.quiz.stats();
      expect(stats.attempts).toBe(3);
      expect(stats.questions.map((q) => q.questionId)).toEqual(QUIZ_QUESTIONS.map((q) => q.id));

      const expectQuestion = (i: number, correct: number, wrong: number) => {
        const q = QUIZ_QUESTIONS[i]!;
        const s = stats.questions[i]!;
        const pct = (n: number) => Math.round((n / 3) * 100);
        expect(s).toMatchObject({ total: 3, correct, percentCorrect: pct(correct) });
        expect(s.prompt).toBe(q.prompt);
        expect(s.options.map((o) => o.optionId)).toEqual(q.options.map((o) => o.id));
        for (const o of s.options) {
          const n = o.optionId === q.correctOptionId ? correct : o.optionId === wrongOption(q) ? wrong : 0;
          expect(o, `${q.id}/${o.optionId}`).toMatchObject({ count: n, percent: pct(n) });
        }
      };
      // Question 1: Ana right once, wrong once; Ben wrong.
      expectQuestion(0, 1, 2);
      expect(stats.questions[0]).toMatchObject({ percentCorrect: 33 });
      // Question 2: only Ana's second attempt is wrong.
      expectQuestion(1, 2, 1);
      expect(stats.questions[1]).toMatchObject({ percentCorrect: 67 });
      // Every other question: all three right.
      for (let i = 2; i < N; i++) expectQuestion(i, 3, 0);
      expect(stats.questions[2]).toMatchObject({ percentCorrect: 100 });

      expect(stats.mine).toEqual({ attempts: 2, bestScore: N });
      expect((await ben.caller.quiz.stats()).mine).toEqual({ attempts: 1, bestScore: N - 1 });
      const catStats = await cat.caller.quiz.stats();
      expect(catStats.mine).toEqual({ attempts: 0, bestScore: null });
      // Everyone sees the same shared statistics.
      expect(catStats.questions).toEqual(stats.questions);
      expect(catStats.attempts).toBe(3);
    });
  });

  describe("who may take the quiz", () => {
    it.each(["physician", "therapist"] as const)("refuses a %s with FORBIDDEN", async (role) => {
      const { caller } = await api.signUp(role);
      const before = await rowCounts(api);
      const calls: [string, () => Promise<unknown>][] = [
        ["quiz.get", () => caller.quiz.get()],
        ["quiz.submit", () => caller.quiz.submit({ answers: answers() })],
        ["quiz.stats", () => caller.quiz.stats()],
      ];
      for (const [name, call] of calls) {
        const err = await errorOf(call());
        expect(err.code, name).toBe("FORBIDDEN");
      }
      expect(await rowCounts(api)).toEqual(before);
    });

    it("refuses anonymous callers with UNAUTHORIZED", async () => {
      const calls: [string, () => Promise<unknown>][] = [
        ["quiz.get", () => api.anonymous.quiz.get()],
        ["quiz.submit", () => api.anonymous.quiz.submit({ answers: answers() })],
        ["quiz.stats", () => api.anonymous.quiz.stats()],
      ];
      for (const [name, call] of calls) {
        const err = await errorOf(call());
        expect(err.code, name).toBe("UNAUTHORIZED");
      }
    });
  });
});
