import { Alert, Progress, Stack, Text } from "@mantine/core";
import { SESSION_WARNING_LABELS, type SessionWarning } from "@mm/domain";
import { formatDay } from "./format";

type Usage = {
  prescription: { validFrom: string; expiresOn: string } | null;
  sessions: { used: number; authorized: number };
  visits: { usedThisYear: number; perYear: number | null };
  warnings: readonly SessionWarning[];
};

const percent = (used: number, of: number) => (of > 0 ? Math.min(100, Math.round((used / of) * 100)) : 0);

/** A labelled bar: the sentence is visible and is also the bar's accessible value (not Mantine's "38%"). */
function UsageBar({ label, used, of, text }: { label: string; used: number; of: number; text: string }) {
  const value = percent(used, of);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {text}
      </Text>
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={of}
        aria-valuenow={used}
        aria-valuetext={text}
      >
        <Progress.Section
          value={value}
          withAria={false}
          color={value >= 100 ? "red.8" : value >= 75 ? "orange.9" : "blue.8"}
        />
      </Progress.Root>
    </Stack>
  );
}

/** Sessions used against the prescription, visits against the insurer's yearly limit, and the warnings. */
export function UsageSummary({ usage }: { usage: Usage }) {
  const { sessions, visits, prescription } = usage;
  return (
    <Stack gap="md">
      {prescription ? (
        <UsageBar
          label="Sessions used"
          used={sessions.used}
          of={sessions.authorized}
          text={`${sessions.used} of ${sessions.authorized} sessions used`}
        />
      ) : null}
      {prescription ? (
        <Text size="sm" c="dimmed">
          Prescription valid {formatDay(prescription.validFrom)} to {formatDay(prescription.expiresOn)}.
        </Text>
      ) : null}
      {visits.perYear != null ? (
        <UsageBar
          label="Insurer visits used this year"
          used={visits.usedThisYear}
          of={visits.perYear}
          text={`${visits.usedThisYear} of ${visits.perYear} insurer visits used this year`}
        />
      ) : (
        <Text size="sm">
          {visits.usedThisYear} visits this year; the insurer's yearly limit is not recorded.
        </Text>
      )}
      {usage.warnings.map((w) => (
        <Alert key={w} color="orange" variant="light" title="Heads up">
          {SESSION_WARNING_LABELS[w]}
        </Alert>
      ))}
    </Stack>
  );
}
