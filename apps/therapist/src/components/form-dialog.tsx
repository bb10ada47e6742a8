import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import type { FormEvent, ReactNode } from "react";

/** Props that make Mantine's modal header a plain <div> (one banner landmark per page). */
const DIV = { component: "div" } as object;

/**
 * A modal form: its title, a plain-words intro, the change's alert, the fields, then Cancel and the submit button
 * (Cancel off and submit loading while the change is in flight).
 */
export function FormDialog(props: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  intro: ReactNode;
  alert: ReactNode;
  pending: boolean;
  submitLabel: string;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <Modal.Root opened={props.opened} onClose={props.onClose} size="lg">
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header {...DIV}>
          <Modal.Title>{props.title}</Modal.Title>
          <Modal.CloseButton aria-label="Close" />
        </Modal.Header>
        <Modal.Body>
          <form onSubmit={props.onSubmit} noValidate>
            <Stack gap="md">
              <Text size="sm">{props.intro}</Text>
              {props.alert}
              {props.children}
              <Group justify="flex-end">
                <Button variant="default" onClick={props.onClose} disabled={props.pending}>
                  Cancel
                </Button>
                <Button type="submit" loading={props.pending}>
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
