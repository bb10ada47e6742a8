import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { type HeadingOrder, Panel } from "./panel";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

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
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 90 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
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
