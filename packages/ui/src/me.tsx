import { useQuery } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext } from "react";
import { setViewerTimeZone } from "./dates";
import { type Me, useTRPC } from "./trpc";

const MeContext = createContext<Me | null>(null);

/** The `me.get` query: who is signed in (UNAUTHORIZED when nobody is). */
export function useMeQuery() {
  const trpc = useTRPC();
  return useQuery(trpc.me.get.queryOptions());
}

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  // Before the children render, so every instant below is shown in the person's own zone (idempotent).
  setViewerTimeZone(me.user.timeZone);
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in user when below the route guard, else null. */
export function useOptionalMe(): Me | null {
  return useContext(MeContext);
}

/** The signed-in user of this portal. Only inside the signed-in part of a portal (below the route guard). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() is only available below the portal's route guard");
  return me;
}
