import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { clearAllDrafts } from "./forms/draft";

/** Signs out, forgets every cached answer and form draft, and goes to this portal's sign-in page. */
export function useSignOut() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const signOut = async () => {
    setPending(true);
    try {
      // The auth client loads on demand: signed-in pages never need it otherwise.
      const { authClient } = await import("./auth/client");
      await authClient.signOut();
    } finally {
      setPending(false);
      navigate("/sign-in", { replace: true });
      queryClient.clear();
      clearAllDrafts();
    }
  };
  return { signOut, pending };
}
