import { readableDays } from "./dates";
import { isApiError } from "./trpc";

/** `error.data.fieldErrors` of an API error: messages keyed by field path ("npi", "goals.0.target"). */
export function serverFieldErrors(error: unknown): Record<string, string> | null {
  if (!isApiError(error)) return null;
  const fieldErrors = (error.data as { fieldErrors?: unknown } | undefined)?.fieldErrors;
  if (!fieldErrors || typeof fieldErrors !== "object") return null;
  return Object.fromEntries(
    Object.entries(fieldErrors as Record<string, string>).map(([field, message]) => [
      field,
      readableDays(message),
    ]),
  );
}

/** A message for people, whatever went wrong. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (!error.data) return "Could not reach the server. Check your connection and try again.";
    if (error.data.code === "UNAUTHORIZED") return "Your session has ended. Please sign in again.";
    return readableDays(error.message);
  }
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong. Please try again.";
}
