import { allowedActions, type ReferralStatus } from "@mm/domain";
import { type UseMutationOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useCallback, useRef, useState } from "react";
import { serverFieldErrors } from "../errors";
import { applyServerErrors, type ServerErrorTarget } from "../forms/validation";
import { useOptionalMe } from "../me";
import { apiErrorCode, useTRPC } from "../trpc";
import { ReferralErrorAlert } from "./referral-alert";

/** The part of every referral mutation's answer that names the referral's new state. */
export type ReferralEnvelope = { id: string; status: ReferralStatus; version: number };

/** `{ referral: { id, status, version } }` (the mutation envelope), or the bare triple older actions answer. */
export function envelopeOf(out: unknown): ReferralEnvelope | null {
  if (!out || typeof out !== "object") return null;
  const o = out as Record<string, unknown>;
  const r = (o.referral && typeof o.referral === "object" ? o.referral : o) as Record<string, unknown>;
  if (typeof r.id !== "string" || typeof r.status !== "string" || typeof r.version !== "number") return null;
  return { id: r.id, status: r.status as ReferralStatus, version: r.version };
}

/**
 * Refetches what a referral page shows after a change (or a "Reload" after a conflict): the referral and the
 * lists, its timeline, plan, sessions, progress, prescriptions and the therapist directory's eligibility.
 */
export function useRefreshReferral(referralId?: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      // Without an id (a new request, the patient's insurance): every referral the portal holds.
      queryClient.invalidateQueries(
        referralId
          ? { queryKey: trpc.referral.get.queryKey({ id: referralId }) }
          : trpc.referral.get.pathFilter(),
      ),
      queryClient.invalidateQueries(trpc.referral.list.pathFilter()),
      queryClient.invalidateQueries(trpc.timeline.pathFilter()),
      queryClient.invalidateQueries(
        referralId ? { queryKey: trpc.plan.get.queryKey({ referralId }) } : trpc.plan.pathFilter(),
      ),
      queryClient.invalidateQueries(trpc.session.pathFilter()),
      queryClient.invalidateQueries(trpc.progress.pathFilter()),
      queryClient.invalidateQueries(trpc.prescription.pathFilter()),
      queryClient.invalidateQueries(trpc.directory.pathFilter()),
    ]);
  }, [queryClient, trpc, referralId]);
}

export type ReferralMutationConfig<TOutput, TInput> = {
  /** The referral changed; none for a change that creates one or spans them (then all are refreshed). */
  referralId?: string;
  /** Server field errors (`data.fieldErrors`) go under these fields; the rest is shown in the alert. */
  form?: ServerErrorTarget<unknown>;
  /** The form's path for a procedure input path, where the two differ. */
  formPath?: (inputPath: string) => string;
  /** Called with the form paths that received a server error (e.g. to show the step that holds the first). */
  onFieldErrors?: (paths: string[]) => void;
  /** Runs before the refresh (e.g. navigate away, reset the form, notify). */
  onSuccess?: (out: TOutput, input: TInput) => unknown;
  /** The alert's title for errors that are not a conflict or a refusal. */
  errorTitle?: string;
  /** Whether "correct the fields marked below" is said above the form when every field error found its field. */
  announceFieldErrors?: boolean;
};

/**
 * Every change to a referral from a portal goes through this hook: it owns the in-flight state (two quick clicks
 * send once), a stale page (CONFLICT: reload prompt, what was typed is kept), a refusal (PRECONDITION_FAILED: the
 * rule's message), field errors (placed under the form's fields) and, on success, the new version in the cache
 * (so the next action on the page is not refused as stale) and the refresh of the referral's queries.
 */
export function useReferralMutation<TOutput, TError, TInput, TContext>(
  options: UseMutationOptions<TOutput, TError, TInput, TContext>,
  config: ReferralMutationConfig<TOutput, TInput>,
) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const role = useOptionalMe()?.user.role;
  const refresh = useRefreshReferral(config.referralId);
  const mutation = useMutation(options);
  const inFlight = useRef(false);
  const [message, setMessage] = useState<string | null | undefined>(undefined);
  const [reloading, setReloading] = useState(false);

  const applyEnvelope = (next: ReferralEnvelope) => {
    queryClient.setQueryData(trpc.referral.get.queryKey({ id: next.id }), (old) =>
      old
        ? {
            ...old,
            status: next.status,
            version: next.version,
            allowedActions: role && role !== "admin" ? allowedActions(next.status, role) : old.allowedActions,
          }
        : old,
    );
  };

  /** Sends once; resolves with the answer, or undefined when it failed (the failure is in `error`/`alert`). */
  const run = async (input: TInput): Promise<TOutput | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setMessage(undefined);
    try {
      const out = await mutation.mutateAsync(input);
      await config.onSuccess?.(out, input);
      const next = envelopeOf(out);
      if (next) applyEnvelope(next);
      void refresh();
      return out;
    } catch (error) {
      const fieldErrors = serverFieldErrors(error);
      if (config.form && fieldErrors && apiErrorCode(error) === "BAD_REQUEST") {
        const left = applyServerErrors(config.form, error, config.formPath);
        config.onFieldErrors?.(Object.keys(fieldErrors).map(config.formPath ?? ((p) => p)));
        const placedAll =
          Object.keys(fieldErrors).length > 0 && left === "Please correct the fields marked below.";
        setMessage(placedAll && config.announceFieldErrors === false ? null : left);
      }
      return undefined;
    } finally {
      inFlight.current = false;
    }
  };

  const reset = () => {
    mutation.reset();
    setMessage(undefined);
  };

  const reload = async () => {
    setReloading(true);
    try {
      await refresh();
      reset();
    } finally {
      setReloading(false);
    }
  };

  const error: unknown = mutation.error;
  const code = apiErrorCode(error);
  const alert: ReactNode =
    message === null ? null : (
      <ReferralErrorAlert
        error={error}
        message={message}
        onReload={() => void reload()}
        reloading={reloading}
        title={config.errorTitle}
      />
    );

  return {
    run,
    pending: mutation.isPending,
    succeeded: mutation.isSuccess,
    error,
    conflict: code === "CONFLICT",
    refused: code === "PRECONDITION_FAILED",
    fieldErrors: serverFieldErrors(error),
    alert,
    reset,
    reload,
  };
}

export type ReferralMutation<TOutput, TInput> = ReturnType<
  typeof useReferralMutation<TOutput, unknown, TInput, unknown>
>;
