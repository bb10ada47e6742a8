import { Button, Group, NumberInput, Paper, Stack, Text, Title } from "@mantine/core";
import { CPT_CODES } from "@mm/domain";
import { errorMessage, FormError, LoadingState, notify, useTRPC } from "@mm/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

const MAX_DOLLARS = 1000;

/** What is wrong with a typed fee (never silently rewritten: "-60" is refused, not turned into 0 or 60). */
function feeError(value: number | string | undefined): string | null {
  if (value === undefined || value === "") return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > MAX_DOLLARS)
    return `Enter a fee from $0 to $${MAX_DOLLARS.toLocaleString("en-US")}, or leave it blank`;
  return null;
}

/** The fee per 15-minute unit of each CPT code, printed on the patient's superbills. Blank: not billed. */
export function FeeEditor() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fees = useQuery(trpc.fee.get.queryOptions());
  const [dollars, setDollars] = useState<Record<string, number | string> | null>(null);
  const [checked, setChecked] = useState(false);
  const save = useMutation(
    trpc.fee.set.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.fee.get.queryKey(), saved);
        notify({ color: "green", title: "Fees saved", message: "Superbills now use these fees." });
      },
    }),
  );
  if (fees.isPending) return <LoadingState label="Loading your fees" />;
  const current =
    dollars ?? Object.fromEntries((fees.data ?? []).map((f) => [f.cptCode, f.centsPerUnit / 100]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (CPT_CODES.some((c) => feeError(current[c.code]))) return;
    save.mutate({
      fees: CPT_CODES.filter((c) => current[c.code] !== undefined && current[c.code] !== "").map((c) => ({
        cptCode: c.code,
        centsPerUnit: Math.round(Number(current[c.code]) * 100),
      })),
    });
  };
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="fees-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={560}>
          <Title id="fees-heading" order={2} size="h3">
            Fees for superbills
          </Title>
          <Text size="sm">
            Your fee per 15-minute unit of each code; patients' superbills charge units x fee.
          </Text>
          <FormError message={save.isError ? errorMessage(save.error) : null} title="Fees not saved" />
          {CPT_CODES.map((c) => (
            <NumberInput
              key={c.code}
              label={`${c.code}: ${c.label} (USD per unit)`}
              clampBehavior="none"
              min={0}
              max={MAX_DOLLARS}
              decimalScale={2}
              fixedDecimalScale
              prefix="$"
              value={current[c.code] ?? ""}
              onChange={(v) => setDollars({ ...current, [c.code]: v })}
              error={checked ? feeError(current[c.code]) : null}
            />
          ))}
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save fees
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
