import type { ApiDeps, SessionUser } from "./context";
import { appRouter } from "./router";
import { createCallerFactory } from "./trpc";

const createCaller = createCallerFactory(appRouter);

/**
 * A server-side caller acting as a known user, through the same procedures, validation and rules as HTTP
 * clients. For trusted server code only (demo seed, scale loader); never reachable from a request.
 */
export function callerAs(deps: ApiDeps, user: SessionUser) {
  return createCaller({ ...deps, now: deps.now ?? (() => new Date()), headers: new Headers(), user });
}
