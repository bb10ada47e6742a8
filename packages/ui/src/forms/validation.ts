import { schemaResolver } from "@mantine/form";
import type { ReactNode } from "react";
import { errorMessage, serverFieldErrors } from "../errors";

export type StandardSchema = Parameters<typeof schemaResolver>[0];

/**
 * A @mantine/form `validate` function that runs the SAME zod schema the server runs (zod 4 is a Standard Schema,
 * which Mantine 9 reads natively). `toInput` turns form values into the procedure input first (e.g. "" to
 * undefined for optional fields) without renaming fields, so error paths match the form's fields.
 */
export function zodValidate<Values, Input = Values>(
  schema: StandardSchema,
  toInput: (values: Values) => Input = (v) => v as unknown as Input,
) {
  const resolve = schemaResolver(schema, { sync: true });
  return (values: Values) => resolve(toInput(values));
}

/** Optional text fields: an empty or blank box means "not given". */
export function blankToUndefined(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  return value.trim() === "" ? undefined : value;
}

function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object" || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/** The part of a @mantine/form `useForm()` result that server errors need. */
export type ServerErrorTarget<Values> = {
  getValues: () => Values;
  setFieldError: (path: never, error: ReactNode) => void;
};

/**
 * Puts the server's field errors under the matching fields of the form. Returns the message to show above the
 * form (in an Alert): the messages that have no field here, or a short "correct the fields marked below"
 * when every one found its field.
 */
export function applyServerErrors<Values>(
  form: ServerErrorTarget<Values>,
  error: unknown,
  /** The form's path for an input path, where the form names a field differently from the procedure. */
  formPath: (path: string) => string = (path) => path,
): string | null {
  const fieldErrors = serverFieldErrors(error);
  if (!fieldErrors) return errorMessage(error);
  const values = form.getValues();
  const leftovers: string[] = [];
  let placed = 0;
  for (const [inputPath, message] of Object.entries(fieldErrors)) {
    const path = formPath(inputPath);
    if (hasPath(values, path)) {
      form.setFieldError(path as never, message);
      placed += 1;
    } else leftovers.push(message);
  }
  if (leftovers.length > 0) return leftovers.join(" ");
  return placed > 0 ? "Please correct the fields marked below." : errorMessage(error);
}

type SchemaNode = { maxLength?: number | null; unwrap?: () => unknown; def?: { innerType?: unknown } };

/**
 * The length limit of a text field of an object schema (through `.optional()` / `.default()`), so a form shows
 * the very limit the server enforces. Null when the field has none.
 */
export function maxLengthOf(schema: { shape: Record<string, unknown> }, field: string): number | null {
  let node = schema.shape[field] as SchemaNode | undefined;
  for (let depth = 0; node && depth < 5; depth += 1) {
    if (typeof node.maxLength === "number") return node.maxLength;
    const inner = node.def?.innerType ?? node.unwrap?.();
    node = inner as SchemaNode | undefined;
  }
  return null;
}
