import { directoryRouter } from "./routers/directory";
import { meRouter } from "./routers/me";
import { profileRouter } from "./routers/profile";
import { router } from "./trpc";

export const appRouter = router({
  me: meRouter,
  profile: profileRouter,
  directory: directoryRouter,
});

export type AppRouter = typeof appRouter;
