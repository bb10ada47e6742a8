import { ZodRealError, type z } from "zod";
import { isNotFutureDate } from "./dates";

/**
 * Rules that depend on "now" never read the clock: they take it. Each such rule is a function from an input and a
 * clock to the field issues it finds. The API applies it with the request's injected clock (`assertClockRule`,
 * BAD_REQUEST naming the field); a form applies it through the schema factory (`withClockRule`) with its own now.
 */
export type Clock = {
  now: Date /** The person's IANA zone; without it "today" has one day of leeway. */;
  timeZone?: string;
};
export type FieldIssue = { path: string; message: string };
export type ClockRule<T> = (input: T, clock: Clock) => FieldIssue[];

/** `schema` refined by a clock rule: the schema a form validates with (`makeXSchema({ now })`). */
export function withClockRule<S extends z.ZodType>(schema: S, rule: ClockRule<z.output<S>>) {
  return (clock: Clock) =>
    schema.superRefine((value, ctx) => {
      for (const issue of rule(value, clock))
        ctx.addIssue({ code: "custom", path: issue.path.split("."), message: issue.message });
    });
}

/**
 * Throws the issues of `rule` as the same validation error the input schema would have raised (BAD_REQUEST naming
 * the field, with field errors for the form).
 */
export function assertClockRule<T>(rule: ClockRule<T>, input: T, clock: Clock): void {
  const issues = rule(input, clock);
  if (issues.length === 0) return;
  // ZodRealError (an Error, like the ones `parse` throws) survives tRPC's error wrapping; `new ZodError` does not.
  throw new ZodRealError(
    issues.map((i) => ({ code: "custom" as const, path: i.path.split("."), message: i.message, input })),
  );
}

/** "<label> cannot be in the future" for a date field, when it is set and well-formed (the schema checks format). */
export function notFutureIssue(
  path: string,
  label: string,
  iso: string | null | undefined,
  clock: Clock,
): FieldIssue[] {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return [];
  return isNotFutureDate(iso, clock.now, clock.timeZone)
    ? []
    : [{ path, message: `${label} cannot be in the future` }];
}
