import { Button, Group, Modal, Stack, Textarea } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { CharacterCount } from "../forms/character-count";
import type { ReferralMutation } from "./use-referral-mutation";

/** Props that make Mantine's modal header a plain <div> (its `component` prop is not in the types). */
const DIV = { component: "div" } as object;

/** The message zod gives for `field` of `input`, or null when that field is valid. */
export function fieldError(
  schema: {
    safeParse: (input: unknown) => {
      success: boolean;
      error?: { issues: { path: PropertyKey[]; message: string }[] };
    };
  },
  input: unknown,
  field: string,
): string | null {
  const result = schema.safeParse(input);
  if (result.success) return null;
  return result.error?.issues.find((i) => i.path[0] === field)?.message ?? null;
}

/** What the modal needs of a `useReferralMutation` result. */
type ModalAction<TInput> = Pick<
  ReferralMutation<unknown, TInput>,
  "alert" | "fieldErrors" | "pending" | "reset"
> & {
  run: (input: TInput) => Promise<unknown>;
};

export type ActionModalProps<TInput> = {
  opened: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  fieldLabel: string;
  fieldDescription?: string;
  /** The procedure's field name, to place its server error under the box. */
  field: string;
  required?: boolean;
  /** The field's length limit, shown with a counter as the limit nears. */
  maxLength?: number;
  submitLabel: string;
  color?: string;
  /** Client-side check with the procedure's own schema: the field's message, or null. */
  validate: (text: string) => string | null;
  /** The change, from `useReferralMutation` (it owns in-flight, conflict, refusal and refresh). */
  action: ModalAction<TInput>;
  /** The procedure's input for the text typed. */
  toInput: (text: string) => TInput;
};

/** A one-field action (ask, decline, discontinue...): validates with the server's schema, never submits twice. */
export function ActionModal<TInput>(props: ActionModalProps<TInput>) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const { action } = props;
  const serverError = action.fieldErrors?.[props.field] ?? null;

  const close = () => {
    if (action.pending) return;
    setError(null);
    action.reset();
    props.onClose();
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const message = props.validate(text);
    setError(message);
    if (message) return;
    const out = await action.run(props.toInput(text));
    if (out === undefined) return;
    setText("");
    props.onClose();
  };

  const change = (next: string) => {
    setText(next);
    // An error that is fixed goes away (and a new one shows at once).
    if (error) setError(props.validate(next));
    if (serverError) action.reset();
  };

  return (
    <Modal.Root opened={props.opened} onClose={close} size="lg">
      <Modal.Overlay />
      <Modal.Content>
        {/* A <div>, not Mantine's <header>: a second "banner" landmark would confuse screen-reader navigation. */}
        <Modal.Header {...DIV}>
          <Modal.Title>{props.title}</Modal.Title>
          <Modal.CloseButton aria-label="Close" />
        </Modal.Header>
        <Modal.Body>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              {props.description}
              {serverError ? null : action.alert}
              <Textarea
                data-autofocus
                label={props.fieldLabel}
                description={props.fieldDescription}
                required={props.required}
                autosize
                minRows={3}
                maxRows={10}
                value={text}
                onChange={(e) => change(e.currentTarget.value)}
                error={error ?? serverError}
                maxLength={props.maxLength}
                inputWrapperOrder={["label", "description", "input", "error"]}
              />
              {props.maxLength ? <CharacterCount value={text} max={props.maxLength} /> : null}
              <Group justify="flex-end">
                <Button variant="default" onClick={close} disabled={action.pending}>
                  Cancel
                </Button>
                <Button type="submit" color={props.color} loading={action.pending}>
                  {props.submitLabel}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
