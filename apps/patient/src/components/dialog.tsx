import { Modal } from "@mantine/core";
import type { ReactNode } from "react";

// Mantine renders a modal's header as <header>; portaled to <body> that is a second "banner" landmark.
const NOT_A_LANDMARK = { component: "div" } as object;

/** A centered modal dialog named by its title, with a named close button and no stray landmark. */
export function Dialog({
  opened,
  onClose,
  title,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
}) {
  return (
    <Modal.Root opened={opened} onClose={onClose} centered size="lg">
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header {...NOT_A_LANDMARK}>
          <Modal.Title fw={700} fz="lg">
            {title}
          </Modal.Title>
          <Modal.CloseButton aria-label="Close" />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
