import { type Db, quizAnswer, quizAttempt } from "@mm/db";
import {
  aggregateQuizStats,
  gradeQuiz,
  type PublicQuizQuestion,
  publicQuiz,
  QUIZ_QUESTIONS,
  type QuizQuestionStats,
  type QuizResult,
  type QuizSubmitInput,
} from "@mm/domain";
import { count, eq, max } from "drizzle-orm";
import type { SessionUser } from "../context";

export type QuizView = { questions: PublicQuizQuestion[] };

export type QuizSubmission = {
  attemptId: string;
  score: number;
  total: number;
  results: QuizResult[];
};

export type QuizStats = {
  /** Questions in the quiz today (the denominator for scores). */
  total: number;
  /** Attempts by every patient. */
  attempts: number;
  /** How everyone answered, per question in quiz order. */
  questions: QuizQuestionStats[];
  /** The caller's own record; bestScore is null until the first attempt. */
  mine: { attempts: number; bestScore: number | null };
};

/** The quiz as shown before answering: never the correct answers or the explanations. */
export function getQuiz(): QuizView {
  return { questions: publicQuiz() };
}

/** Grades on the server, then stores the attempt and every answer in one transaction. */
export async function submitQuiz(
  db: Db,
  me: SessionUser,
  input: QuizSubmitInput,
  now: Date,
): Promise<QuizSubmission> {
  // Throws invalidField (BAD_REQUEST naming the field) before anything is written.
  const grade = gradeQuiz(input.answers);
  const attemptId = await db.transaction(async (tx) => {
    const [attempt] = await tx
      .insert(quizAttempt)
      .values({ patientId: me.id, score: grade.score, total: grade.total, createdAt: now })
      .returning({ id: quizAttempt.id });
    if (!attempt) throw new Error("quiz attempt was not stored");
    await tx.insert(quizAnswer).values(
      grade.results.map((r) => ({
        attemptId: attempt.id,
        questionId: r.questionId,
        optionId: r.chosenOptionId,
        correct: r.correct,
      })),
    );
    return attempt.id;
  });
  return { attemptId, score: grade.score, total: grade.total, results: grade.results };
}

/** Everyone's answers, grouped in SQL (question, option, correctness → count), laid out by the domain. */
async function answerStats(db: Db): Promise<QuizQuestionStats[]> {
  const grouped = await db
    .select({
      questionId: quizAnswer.questionId,
      optionId: quizAnswer.optionId,
      correct: quizAnswer.correct,
      count: count(),
    })
    .from(quizAnswer)
    .groupBy(quizAnswer.questionId, quizAnswer.optionId, quizAnswer.correct);
  return aggregateQuizStats(grouped);
}

export async function getQuizStats(db: Db, me: SessionUser): Promise<QuizStats> {
  const questions = await answerStats(db);
  const [everyone] = await db.select({ attempts: count() }).from(quizAttempt);
  const [mine] = await db
    .select({ attempts: count(), bestScore: max(quizAttempt.score) })
    .from(quizAttempt)
    .where(eq(quizAttempt.patientId, me.id));
  return {
    total: QUIZ_QUESTIONS.length,
    attempts: everyone?.attempts ?? 0,
    questions,
    mine: { attempts: mine?.attempts ?? 0, bestScore: mine?.bestScore ?? null },
  };
}
