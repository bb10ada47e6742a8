import { coverageRouter } from "./routers/coverage";
import { directoryRouter } from "./routers/directory";
import { meRouter } from "./routers/me";
import { messageRouter } from "./routers/message";
import { prescriptionRouter } from "./routers/prescription";
import { profileRouter } from "./routers/profile";
import { quizRouter } from "./routers/quiz";
import { referralRouter } from "./routers/referral";
import { timelineRouter } from "./routers/timeline";
import { router } from "./trpc";

export const appRouter = router({
  me: meRouter,
  profile: profileRouter,
  directory: directoryRouter,
  coverage: coverageRouter,
  referral: referralRouter,
  prescription: prescriptionRouter,
  timeline: timelineRouter,
  message: messageRouter,
  quiz: quizRouter,
});

export type AppRouter = typeof appRouter;
