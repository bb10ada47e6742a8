import { z } from "zod";
import { invalidField } from "./errors";
import { textField } from "./fields";

/** A short patient-education quiz about prescribed massage in the US, graded on the server. */

export type QuizOption = { id: string; text: string };
export type QuizQuestion = {
  /** Stable slug: answers and statistics are stored against it. */
  id: string;
  prompt: string;
  options: QuizOption[];
  correctOptionId: string;
  explanation: string;
};

export const QUIZ_QUESTIONS: readonly QuizQuestion[] = [
  {
    id: "when-massage-helps",
    prompt: "Which of these is a common reason a physician might prescribe massage therapy?",
    options: [
      { id: "a", text: "A fever and a cough" },
      { id: "b", text: "Long-lasting low back pain with muscle spasm" },
      { id: "c", text: "A bone that might be broken" },
      { id: "d", text: "A swollen, painful calf that might be a blood clot" },
    ],
    correctOptionId: "b",
    explanation:
      "Massage is most often prescribed for muscle and joint pain, such as chronic low back, neck or shoulder pain and muscle spasm, and it can also help with sleep and stress. A fever, a possible fracture or a possible blood clot need medical care first, and massage could make them worse.",
  },
  {
    id: "red-flags-see-physician",
    prompt: "After a fall you have new, severe back pain and numbness in one leg. What should you do first?",
    options: [
      { id: "a", text: "Book a deep-tissue massage to loosen the muscles" },
      { id: "b", text: "Wait it out: massage is safe for any kind of pain" },
      { id: "c", text: "See a physician before any massage" },
    ],
    correctOptionId: "c",
    explanation:
      "New severe pain after an injury, numbness, weakness, or trouble controlling your bladder or bowels can be signs of a nerve or spine problem that needs a physician's exam. The physician can rule out serious causes first and then decide whether massage is safe and likely to help.",
  },
  {
    id: "tell-physician-first",
    prompt: "Which of these should you discuss with your physician before starting massage?",
    options: [
      { id: "a", text: "That you prefer afternoon appointments" },
      { id: "b", text: "That you like a quiet room" },
      { id: "c", text: "That you take a blood thinner or have had a blood clot" },
    ],
    correctOptionId: "c",
    explanation:
      "Blood thinners, a history of blood clots, recent surgery, osteoporosis, cancer treatment, pregnancy and some heart conditions change what is safe. Your physician can write precautions into the prescription so the therapist adjusts pressure and techniques.",
  },
  {
    id: "prescription-contents",
    prompt: "What does a massage therapy prescription need to include for most insurers?",
    options: [
      { id: "a", text: 'Only the words "massage recommended"' },
      { id: "b", text: "The therapist's hourly rate" },
      { id: "c", text: "Your favorite massage techniques" },
      {
        id: "d",
        text: "The diagnosis, how often and for how long, the number of sessions, and the physician's signature and NPI",
      },
    ],
    correctOptionId: "d",
    explanation:
      "Insurers and health savings account administrators look for a diagnosis (an ICD-10 code), how often and for how many weeks, the total number of sessions, and the prescribing physician's signature and National Provider Identifier (NPI). A missing item is a common reason a claim is refused.",
  },
  {
    id: "what-is-npi",
    prompt: "What is an NPI?",
    options: [
      { id: "a", text: "Your insurance member number" },
      { id: "b", text: "A 10-digit number that identifies a health care provider in the US" },
      { id: "c", text: "A kind of massage technique" },
    ],
    correctOptionId: "b",
    explanation:
      "The National Provider Identifier is a unique 10-digit number that the Centers for Medicare & Medicaid Services issues to health care providers. Insurers use it on prescriptions and claims to identify the physician and, when they require it, the therapist.",
  },
  {
    id: "ask-insurer-coverage",
    prompt: "Before treatment starts, what is most useful to ask your insurer?",
    options: [
      {
        id: "a",
        text: "Whether massage is covered with a prescription, how much they pay per session, and how many visits a year they allow",
      },
      { id: "b", text: "Whether the therapist's office has parking" },
      { id: "c", text: "Nothing: anything a physician prescribes is always covered" },
    ],
    correctOptionId: "a",
    explanation:
      "Coverage for massage differs a lot between plans. Ask whether it is covered with a prescription, what they pay per session (or what your copay is), how many visits a year are allowed, and what they require of the therapist. Write down the date, the agent's name and the call's reference number.",
  },
  {
    id: "prior-authorization",
    prompt: "Your insurer says massage needs prior authorization. What does that mean?",
    options: [
      { id: "a", text: "You pay for the first session yourself" },
      {
        id: "b",
        text: "The insurer must approve the treatment before it starts, or the sessions may not be paid",
      },
      { id: "c", text: "The therapist must have treated you before" },
    ],
    correctOptionId: "b",
    explanation:
      "Prior authorization means the insurer reviews the prescription and approves the treatment in advance. Sessions before the approval may be denied, so ask what the insurer needs (usually the prescription and diagnosis) and how long approval takes.",
  },
  {
    id: "therapist-requirements",
    prompt:
      "Your insurer says the therapist must be licensed, have an NPI and be in-network. What should you do?",
    options: [
      { id: "a", text: "Choose any therapist: the insurer pays anyway once there is a prescription" },
      { id: "b", text: "Ask your physician to give the massage instead" },
      {
        id: "c",
        text: "Check that the therapist you choose meets all three requirements before the first session",
      },
    ],
    correctOptionId: "c",
    explanation:
      "Insurers often pay only therapists who hold a state license, have their own NPI and have a contract with your plan (in-network). If the therapist does not meet a requirement, the claim can be refused even with a valid prescription. The therapist directory shows who is eligible for your referral and why others are not.",
  },
  {
    id: "licensed-vs-uncredentialed",
    prompt: "Who can usually be paid by insurance for prescribed massage therapy?",
    options: [
      { id: "a", text: "Anyone who offers massage, such as a spa masseuse without a license" },
      { id: "b", text: "A massage therapist licensed or registered by the state" },
      { id: "c", text: "A friend with a certificate from a weekend course" },
    ],
    correctOptionId: "b",
    explanation:
      "Most states license or register massage therapists after a set number of training hours and an exam. Insurers and health savings accounts generally require that credential; an uncredentialed masseuse or a short-course certificate is not enough for prescribed, insured treatment.",
  },
  {
    id: "why-license-matters",
    prompt: "Apart from insurance, why does a therapist's state license matter?",
    options: [
      { id: "a", text: "It guarantees the massage will not be uncomfortable" },
      { id: "b", text: "It only matters for sports massage" },
      { id: "c", text: "It lets the therapist prescribe medication" },
      {
        id: "d",
        text: "It shows the therapist met training and exam standards and answers to a state board",
      },
    ],
    correctOptionId: "d",
    explanation:
      "A license shows the therapist completed required training in anatomy, contraindications and technique, passed an exam, and can be held accountable by a state board. That matters when you have a medical condition and need treatment adapted to it. It does not allow the therapist to prescribe medication.",
  },
  {
    id: "disclose-conditions",
    prompt: "Why should you tell your therapist about every medical condition and medication?",
    options: [
      { id: "a", text: "Only so the paperwork is complete" },
      {
        id: "b",
        text: "Some conditions and medications change which techniques and how much pressure are safe",
      },
      { id: "c", text: "You only need to mention the area that hurts" },
    ],
    correctOptionId: "b",
    explanation:
      "Conditions such as diabetes, osteoporosis, varicose veins, recent surgery or pregnancy, and medications such as blood thinners or pain killers that dull sensation, change how a therapist should work. Telling them everything lets them adapt pressure and techniques and keep you safe.",
  },
  {
    id: "progress-reports-renewal",
    prompt: "Why do your progress reports between sessions matter?",
    options: [
      { id: "a", text: "They are only for the therapist's own records" },
      { id: "b", text: "They replace the prescription" },
      {
        id: "c",
        text: "They show your physician and insurer whether treatment is working, which decides whether it is renewed",
      },
      { id: "d", text: "They matter only after treatment ends" },
    ],
    correctOptionId: "c",
    explanation:
      "Your physician renews or ends treatment based on measured progress: pain, evening pain, sleep and pain medication compared with the goals in your plan of care. Insurers usually need this record to keep paying. Regular, honest reports make that decision possible.",
  },
];

export type PublicQuizQuestion = Pick<QuizQuestion, "id" | "prompt" | "options">;

/** The quiz as shown before answering: no correct answers, no explanations. */
export function publicQuiz(): PublicQuizQuestion[] {
  return QUIZ_QUESTIONS.map((q) => ({
    id: q.id,
    prompt: q.prompt,
    options: q.options.map((o) => ({ ...o })),
  }));
}

export type QuizAnswer = { questionId: string; optionId: string };
type Problem = { field: string; path: (string | number)[]; message: string };

function answerProblems(answers: readonly QuizAnswer[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(QUIZ_QUESTIONS.map((q) => [q.id, q]));
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    const q = byId.get(a.questionId);
    if (!q) {
      problems.push({
        field: `answers.${i}.questionId`,
        path: ["answers", i, "questionId"],
        message: `Unknown question "${a.questionId}"`,
      });
      return;
    }
    if (seen.has(a.questionId)) {
      problems.push({
        field: `answers.${i}.questionId`,
        path: ["answers", i, "questionId"],
        message: `Question ${QUIZ_QUESTIONS.indexOf(q) + 1} is answered more than once`,
      });
      return;
    }
    seen.add(a.questionId);
    if (!q.options.some((o) => o.id === a.optionId)) {
      problems.push({
        field: `answers.${i}.optionId`,
        path: ["answers", i, "optionId"],
        message: `Choose one of the listed answers for question ${QUIZ_QUESTIONS.indexOf(q) + 1}`,
      });
    }
  });
  const missing = QUIZ_QUESTIONS.flatMap((q, i) => (seen.has(q.id) ? [] : [`question ${i + 1}`]));
  if (missing.length > 0) {
    problems.push({
      field: "answers",
      path: ["answers"],
      message: `Missing answers for: ${missing.join(", ")}`,
    });
  }
  return problems;
}

export const quizSubmitSchema = z
  .object({
    answers: z
      .array(
        z.object({
          questionId: textField("questionId", "questionId is required")
            .min(1, "questionId is required")
            .max(100),
          optionId: textField("optionId", "Choose an answer").min(1, "Choose an answer").max(100),
        }),
        { error: "answers must be a list" },
      )
      .max(QUIZ_QUESTIONS.length * 2, "Too many answers"),
  })
  .superRefine((input, ctx) => {
    for (const p of answerProblems(input.answers))
      ctx.addIssue({ code: "custom", path: p.path, message: p.message });
  });
export type QuizSubmitInput = z.infer<typeof quizSubmitSchema>;

export type QuizResult = {
  questionId: string;
  chosenOptionId: string;
  correctOptionId: string;
  correct: boolean;
  explanation: string;
};
export type QuizGrade = { score: number; total: number; results: QuizResult[] };

/** Grade one complete attempt; throws invalidField naming the first bad answer. Results follow quiz order. */
export function gradeQuiz(answers: readonly QuizAnswer[]): QuizGrade {
  const first = answerProblems(answers)[0];
  if (first) throw invalidField(first.field, first.message);
  const chosen = new Map(answers.map((a) => [a.questionId, a.optionId]));
  const results = QUIZ_QUESTIONS.map((q) => {
    const chosenOptionId = chosen.get(q.id) as string;
    return {
      questionId: q.id,
      chosenOptionId,
      correctOptionId: q.correctOptionId,
      correct: chosenOptionId === q.correctOptionId,
      explanation: q.explanation,
    };
  });
  return { score: results.filter((r) => r.correct).length, total: QUIZ_QUESTIONS.length, results };
}

export type QuizOptionStats = { optionId: string; text: string; count: number; percent: number | null };
export type QuizQuestionStats = {
  questionId: string;
  prompt: string;
  total: number;
  correct: number;
  percentCorrect: number | null;
  options: QuizOptionStats[];
};

const pct = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 100));

/**
 * How everyone answered, per question in quiz order: each option's count and share, and the share answered
 * correctly. Rows for questions or options no longer in the quiz are ignored.
 */
export function aggregateQuizStats(
  /** One row per answer, or pre-grouped rows carrying how many answers they stand for (`count`). */
  rows: readonly { questionId: string; optionId: string; correct: boolean; count?: number }[],
): QuizQuestionStats[] {
  return QUIZ_QUESTIONS.map((q) => {
    const counts = new Map(q.options.map((o) => [o.id, 0]));
    let total = 0;
    let correct = 0;
    for (const r of rows) {
      if (r.questionId !== q.id || !counts.has(r.optionId)) continue;
      const n = r.count ?? 1;
      counts.set(r.optionId, (counts.get(r.optionId) ?? 0) + n);
      total += n;
      if (r.correct) correct += n;
    }
    return {
      questionId: q.id,
      prompt: q.prompt,
      total,
      correct,
      percentCorrect: pct(correct, total),
      options: q.options.map((o) => {
        const count = counts.get(o.id) ?? 0;
        return { optionId: o.id, text: o.text, count, percent: pct(count, total) };
      }),
    };
  });
}
