import { appointmentRouter } from "./routers/appointment";
import { auditRouter } from "./routers/audit";
import { availabilityRouter } from "./routers/availability";
import { calendarRouter } from "./routers/calendar";
import { coverageRouter } from "./routers/coverage";
import { directoryRouter } from "./routers/directory";
import { feeRouter } from "./routers/fee";
import { fileRouter } from "./routers/file";
import { letterRouter } from "./routers/letter";
import { meRouter } from "./routers/me";
import { messageRouter } from "./routers/message";
import { notificationRouter } from "./routers/notification";
import { planRouter } from "./routers/plan";
import { prescriptionRouter } from "./routers/prescription";
import { profileRouter } from "./routers/profile";
import { progressRouter } from "./routers/progress";
import { quizRouter } from "./routers/quiz";
import { referralRouter } from "./routers/referral";
import { sessionRouter } from "./routers/session";
import { systemRouter } from "./routers/system";
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
  plan: planRouter,
  session: sessionRouter,
  progress: progressRouter,
  quiz: quizRouter,
  audit: auditRouter,
  notification: notificationRouter,
  letter: letterRouter,
  fee: feeRouter,
  file: fileRouter,
  system: systemRouter,
  availability: availabilityRouter,
  appointment: appointmentRouter,
  calendar: calendarRouter,
});

export type AppRouter = typeof appRouter;
