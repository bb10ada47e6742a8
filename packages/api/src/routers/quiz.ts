import { quizSubmitSchema } from "@mm/domain";
import { getQuiz, getQuizStats, submitQuiz } from "../services/quiz-service";
import { patientProcedure, router } from "../trpc";

export const quizRouter = router({
  get: patientProcedure.query(() => getQuiz()),
  submit: patientProcedure
    .input(quizSubmitSchema)
    .mutation(({ ctx, input }) => submitQuiz(ctx.db, ctx.user, input, ctx.now())),
  stats: patientProcedure.query(({ ctx }) => getQuizStats(ctx.db, ctx.user)),
});
