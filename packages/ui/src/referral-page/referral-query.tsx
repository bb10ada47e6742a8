import { Anchor, Stack } from "@mantine/core";
import { allowedActions } from "@mm/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { useMe } from "../me";
import { PageHeader } from "../pages";
import { ErrorState, LoadingState } from "../states";
import { apiErrorCode, type RouterOutputs, useTRPC } from "../trpc";

export type Referral = RouterOutputs["referral"]["get"];

/** `referral.get` for the `:id` of the address. */
export function useReferralQuery() {
  const { id = "" } = useParams();
  const trpc = useTRPC();
  return useQuery(trpc.referral.get.queryOptions({ id }));
}

/** Loading, "not found" (or not yours: the same answer on purpose) and errors, then the page. */
export function ReferralGate({
  query,
  loadingLabel = "Loading the referral",
  children,
}: {
  query: ReturnType<typeof useReferralQuery>;
  loadingLabel?: string;
  children: (referral: Referral) => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.isError) {
    const code = apiErrorCode(query.error);
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") {
      return (
        <Stack gap="md" align="flex-start">
          <PageHeader
            title="Referral not found"
            description="It does not exist, or it is not shared with you."
          />
          <Anchor component={Link} to="/referrals">
            Back to referrals
          </Anchor>
        </Stack>
      );
    }
    return (
      <Stack gap="md">
        <PageHeader title="Referral" />
        <ErrorState error={query.error} title="Could not load the referral" onRetry={() => query.refetch()} />
      </Stack>
    );
  }
  return <>{children(query.data)}</>;
}

/**
 * After an action, the referral's new status and version (every action answers with them) go straight into the
 * cached referral, so the next action on this page is not refused as stale while the full record reloads.
 */
export function useReferralUpdated() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const role = useMe().user.role;
  return (next: { id: string; status: Referral["status"]; version: number }) => {
    queryClient.setQueryData(trpc.referral.get.queryKey({ id: next.id }), (old) =>
      old
        ? {
            ...old,
            status: next.status,
            version: next.version,
            allowedActions: allowedActions(next.status, role),
          }
        : old,
    );
    void queryClient.invalidateQueries({ queryKey: trpc.referral.get.queryKey({ id: next.id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.referral.list.pathKey() });
  };
}
