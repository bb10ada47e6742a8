import { Anchor, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { PageHeader } from "../pages";
import { ErrorState, LoadingState } from "../states";
import { apiErrorCode, type RouterOutputs, useTRPC } from "../trpc";

export type Referral = RouterOutputs["referral"]["get"];

/** `referral.get` for the `:id` of the address (or the id given). */
export function useReferralQuery(id?: string) {
  const params = useParams();
  const trpc = useTRPC();
  return useQuery(trpc.referral.get.queryOptions({ id: id ?? params.id ?? "" }));
}

export type ReferralGateText = {
  loading?: string;
  /** The title above a load error. */
  title?: string;
  notFound?: string;
  back?: string;
};

const DEFAULT_TEXT: Required<ReferralGateText> = {
  loading: "Loading the referral",
  title: "Referral",
  notFound: "It does not exist, or it is not shared with you.",
  back: "Back to referrals",
};

/**
 * The one gate of a referral page in every portal: loading, "not found" (or not yours: the same answer on
 * purpose; a malformed id in the address too) and errors with a retry, then the page.
 */
export function ReferralGate({
  query,
  text,
  children,
}: {
  query: ReturnType<typeof useReferralQuery>;
  text?: ReferralGateText;
  children: (referral: Referral) => ReactNode;
}) {
  const t = { ...DEFAULT_TEXT, ...text };
  if (query.isPending) return <LoadingState label={t.loading} />;
  if (query.isError) {
    const code = apiErrorCode(query.error);
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") {
      return (
        <Stack gap="md" align="flex-start">
          <PageHeader title="Referral not found" description={t.notFound} />
          <Anchor component={Link} to="/referrals">
            {t.back}
          </Anchor>
        </Stack>
      );
    }
    return (
      <Stack gap="md">
        <PageHeader title={t.title} />
        <ErrorState error={query.error} title="Could not load the referral" onRetry={() => query.refetch()} />
      </Stack>
    );
  }
  return <>{children(query.data)}</>;
}
