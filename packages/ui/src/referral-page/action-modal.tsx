import { Button, Group, Modal, Stack, Textarea } from "@mantine/core";
import { type ReactNode, useRef, useState } from "react";
import { errorMessage, serverFieldErrors } from "../errors";
import { FormError } from "../states";
import { apiErrorCode } from "../trpc";
import { ConflictAlert } from "./conflict-alert";

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

export type ActionModalProps = {
  opened: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  fieldLabel: string;
  fieldDescription?: string;
  /** The procedure's field name, to place its server error under the box. */
  field: string;
  required?: boolean;
  submitLabel: string;
  color?: string;
  /** Client-side check with the procedure's own schema: the field's message, or null. */
  validate: (text: string) => string | null;
  /** Runs the procedure; rejects with the API error. */
  onSubmit: (text: string) => Promise<unknown>;
  /** Reloads the referral after a CONFLICT. */
  onReload: () => Promise<unknown>;
};

/** A one-field action (ask, decline, discontinue...): validates with the server's schema, never submits twice. */
export function ActionModal(props: ActionModalProps) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);

  const close = () => {
    if (inFlight.current) return;
    setError(null);
    setFormError(null);
    setConflict(false);
    props.onClose();
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (inFlight.current) return;
    const message = props.validate(text);
    setError(message);
    setFormError(null);
    if (message) return;
    inFlight.current = true;
    setPending(true);
    try {
      await props.onSubmit(text);
      setText("");
      setConflict(false);
      props.onClose();
    } catch (e) {
      if (apiErrorCode(e) === "CONFLICT") setConflict(true);
      else {
        const fieldMessage = serverFieldErrors(e)?.[props.field];
        if (fieldMessage) setError(fieldMessage);
        else setFormError(errorMessage(e));
      }
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      await props.onReload();
      setConflict(false);
    } finally {
      setReloading(false);
    }
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
              {conflict ? <ConflictAlert onReload={reload} reloading={reloading} /> : null}
              <FormError message={formError} />
              <Textarea
                data-autofocus
                label={props.fieldLabel}
                description={props.fieldDescription}
                required={props.required}
                autosize
                minRows={3}
                maxRows={10}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                error={error}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={close} disabled={pending}>
                  Cancel
                </Button>
                <Button type="submit" color={props.color} loading={pending} disabled={conflict}>
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
