import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { addDaysLocal, localToday } from "../dates";
import { type HeadingOrder, Panel } from "./panel";

/**
 * The superbill over a date range the patient picks, rendered by the server (visits, codes, units, charges at the
 * therapist's fees) to send to an insurer or an HSA/FSA administrator. Only ids and dates go in the address.
 */
export function SuperbillPanel({
  referralId,
  headingOrder = 2,
}: {
  referralId: string;
  headingOrder?: HeadingOrder;
}) {
  // Days in the reader's zone (their profile's), not UTC's.
  const [from, setFrom] = useState(() => addDaysLocal(-90));
  const [to, setTo] = useState(() => localToday());
  const rangeError = from && to && to < from ? "The end date must be on or after the start date" : null;
  const href = `/documents/superbill.pdf?${new URLSearchParams({ referralId, from, to })}`;
  return (
    <Panel title="Superbill for reimbursement" headingOrder={headingOrder}>
      <Stack gap="sm">
        <Text size="sm">
          A statement of your visits with codes and charges, for your insurer or your HSA/FSA administrator.
        </Text>
        <Group align="flex-end">
          <TextInput type="date" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput
            type="date"
            label="To"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={rangeError}
          />
          <Button component="a" href={href} download disabled={Boolean(rangeError) || !from || !to}>
            Download superbill (PDF)
          </Button>
        </Group>
      </Stack>
    </Panel>
  );
}
