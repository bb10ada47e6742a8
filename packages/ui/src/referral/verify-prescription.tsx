import { Alert, Button, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { ErrorState } from "../states";
import { useTRPC } from "../trpc";

/**
 * Asks the server to recompute the prescription's SHA-256 from its stored content. Only on request (never
 * cached), since the point is to check the record as it is now.
 */
export function VerifyPrescription({ prescriptionId }: { prescriptionId: string }) {
  const trpc = useTRPC();
  const verify = useQuery({
    ...trpc.prescription.verify.queryOptions({ id: prescriptionId }),
    enabled: false,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
  const result = verify.data;
  return (
    <Stack gap="xs" align="flex-start">
      <Button variant="light" onClick={() => verify.refetch()} loading={verify.isFetching}>
        Verify signature
      </Button>
      <div role="status">
        {result?.valid && !verify.isFetching ? (
          <Text c="#1b5e2a" fw={600}>
            <span aria-hidden="true">✓ </span>Verified: this prescription has not been changed since it was
            signed
          </Text>
        ) : null}
      </div>
      {result && !result.valid && !verify.isFetching ? (
        <Alert color="red" variant="light" title="Does not match its signature" role="alert">
          The stored prescription no longer matches the hash recorded when it was signed: it may have been
          altered. Do not rely on it; contact the prescribing physician.
        </Alert>
      ) : null}
      {verify.isError && !verify.isFetching ? (
        <ErrorState
          error={verify.error}
          title="Could not verify the signature"
          onRetry={() => verify.refetch()}
        />
      ) : null}
    </Stack>
  );
}
