import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  BODY_REGION_LABELS,
  BODY_REGIONS,
  type BodyRegion,
  CPT_LABELS,
  type CptCode,
  cptUnits,
  dayIn,
  makeSessionLogSchema,
  PRESSURE_LABELS,
  PRESSURE_LEVELS,
  SESSION_WARNING_LABELS,
  type SessionLogInput,
  type SessionWarning,
  sessionLogSchema,
  sessionsInWeek,
  visitUnits,
} from "@mm/domain";
import { notify, useTRPC } from "@mm/ui";
import { browserTimeZone, LongTextarea, maxLengthOf, zodValidate } from "@mm/ui/forms";
import {
  formatDateTime,
  formatDay,
  plural,
  type Referral,
  ReferralGate,
  ReferralHeader,
  useReferralMutation,
  useReferralQuery,
} from "@mm/ui/referral-page";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { localNow, localToIso, pad } from "../components/local-time";

type Values = {
  occurredAt: string;
  minutes: number | string;
  cptCode: string | null;
  /** Both prescribed services in this visit, each with its own minutes. */
  split: boolean;
  minutes97124: number | string;
  minutes97140: number | string;
  techniques: string[];
  bodyRegions: string[];
  pressure: string | null;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  painBefore: number | string;
  painAfter: number | string;
};

/** The SOAP fields' limit, from the server's own schema. */
const SOAP_LIMIT = maxLengthOf(sessionLogSchema, "subjective") ?? 4000;

const SERVICE_FIELDS: Record<string, string> = {
  "services.0.minutes": "minutes97124",
  "services.1.minutes": "minutes97140",
  services: "minutes97140",
};

const toNumber = (v: number | string): number => (v === "" ? Number.NaN : Number(v));

/** Per-service units of a visit with both services, by the 8-minute rule over the total, before saving. */
function SplitUnitsHint({ a, b }: { a: number | string; b: number | string }) {
  const [m1, m2] = [toNumber(a), toNumber(b)];
  if (![m1, m2].every((n) => Number.isInteger(n) && n >= 0)) return null;
  const billed = visitUnits([
    { cptCode: "97124", minutes: m1 },
    { cptCode: "97140", minutes: m2 },
  ]);
  return (
    <Text size="sm" fw={500} aria-live="polite">
      = {billed.totalUnits} billable unit{billed.totalUnits === 1 ? "" : "s"} for {billed.totalMinutes} timed
      minutes: {billed.services.map((s) => `${s.cptCode} ${s.units}`).join(", ")} (8-minute rule over the
      total)
    </Text>
  );
}

/** "= 3 billable units (8-minute rule)" while the therapist types the minutes. */
function UnitsHint({ minutes }: { minutes: number | string }) {
  const n = toNumber(minutes);
  if (!Number.isInteger(n) || n < 0) return null;
  const units = cptUnits(n);
  return (
    <Stack gap={2} aria-live="polite">
      <Text size="sm" fw={500}>
        = {plural(units, "billable unit")} (8-minute rule)
      </Text>
      {n > 0 && n < 8 ? (
        <Text size="sm" c="orange.9" fw={500}>
          Under 8 minutes: no billable unit. The session is recorded but cannot be billed.
        </Text>
      ) : null}
    </Stack>
  );
}

/** The confirmed appointment this session is logged from (`?appointment=<id>`, an id only), if any. */
function useFromAppointment(referralId: string) {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const appointmentId = params.get("appointment") ?? undefined;
  const list = useQuery({
    ...trpc.appointment.list.queryOptions({ referralId }),
    enabled: appointmentId !== undefined,
  });
  return { appointmentId, appointment: list.data?.find((a) => a.id === appointmentId) };
}

function SessionForm({ referral: r }: { referral: Referral }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const from = useFromAppointment(r.id);
  const plan = useQuery(trpc.plan.get.queryOptions({ referralId: r.id }));
  const summary = useQuery(trpc.progress.summary.queryOptions({ referralId: r.id }));
  const logged = useQuery(trpc.session.list.queryOptions({ referralId: r.id }));
  const rx = r.currentPrescription;
  const prescribedCodes = (rx?.cptCodes ?? []) as CptCode[];

  // The field shows "now" to the minute; left as it is, the session is the moment the form opened, to the second.
  // Otherwise a session logged in the minute its prescription was signed would be dated before the signature.
  const [openedAt] = useState(() => new Date());
  const toInput = (v: Values): SessionLogInput => ({
    referralId: r.id,
    occurredAt: localToIso(
      v.occurredAt === localNow(openedAt) ? `${v.occurredAt}:${pad(openedAt.getSeconds())}` : v.occurredAt,
    ),
    minutes: toNumber(v.minutes),
    techniques: v.techniques,
    bodyRegions: v.bodyRegions as BodyRegion[],
    pressure: (v.pressure ?? "") as SessionLogInput["pressure"],
    subjective: v.subjective,
    objective: v.objective,
    assessment: v.assessment,
    plan: v.plan,
    painBefore: toNumber(v.painBefore),
    painAfter: toNumber(v.painAfter),
    ...(v.split
      ? {
          services: [
            { cptCode: "97124" as const, minutes: toNumber(v.minutes97124) },
            { cptCode: "97140" as const, minutes: toNumber(v.minutes97140) },
          ],
        }
      : // No code chosen: the schema says "Choose a CPT code".
        { cptCode: (v.cptCode ?? undefined) as CptCode | undefined }),
    // Sent as it came: the server refuses (naming why) an appointment that cannot be logged.
    ...(from.appointmentId ? { appointmentId: from.appointmentId } : {}),
    expectedVersion: r.version,
  });

  const form = useForm<Values>({
    mode: "controlled",
    initialValues: {
      occurredAt: localNow(openedAt),
      minutes: 60,
      cptCode: prescribedCodes.length === 1 ? prescribedCodes[0]! : null,
      split: false,
      minutes97124: "",
      minutes97140: "",
      techniques: [],
      bodyRegions: [...(rx?.bodyRegions ?? r.bodyRegions)],
      pressure: null,
      subjective: "",
      objective: "",
      assessment: "",
      plan: "",
      painBefore: "",
      painAfter: "",
    },
    validate: (values) => {
      const errors = zodValidate(makeSessionLogSchema({ now: new Date() }), toInput)(values);
      if (values.painBefore === "") errors.painBefore = "Enter the pain before the session, 0 to 10";
      if (values.painAfter === "") errors.painAfter = "Enter the pain after the session, 0 to 10";
      // The services' errors go under the boxes the therapist typed in.
      return Object.fromEntries(Object.entries(errors).map(([k, v]) => [SERVICE_FIELDS[k] ?? k, v]));
    },
    // A refusal about the values (e.g. before the prescription's first day) goes once they change.
    onValuesChange: () => {
      if (log.refused || log.fieldErrors) log.reset();
    },
  });

  // The plan's techniques are the usual starting point; filled once, when the plan arrives.
  const prefilled = useRef(false);
  const planTechniques = plan.data?.content?.techniques;
  useEffect(() => {
    if (prefilled.current || !planTechniques) return;
    prefilled.current = true;
    if (form.getValues().techniques.length === 0)
      form.setFieldValue("techniques", planTechniques.slice(0, 20));
  }, [planTechniques, form]);

  // The appointment's start and length, filled once, when it arrives.
  const filledFromAppointment = useRef(false);
  const appt = from.appointment;
  useEffect(() => {
    if (filledFromAppointment.current || !appt) return;
    filledFromAppointment.current = true;
    form.setValues({ occurredAt: localNow(new Date(appt.startsAt)), minutes: appt.minutes });
  }, [appt, form]);

  const log = useReferralMutation(trpc.session.log.mutationOptions(), {
    referralId: r.id,
    form,
    errorTitle: "The session was not logged",
    onSuccess: (out) => {
      notify({
        color: "teal",
        title: `Session ${out.sessionNumber} of ${out.authorized} logged`,
        message: [
          `${plural(out.units, "billable unit")}.`,
          ...out.warnings.map((w) => SESSION_WARNING_LABELS[w as SessionWarning] ?? w),
        ].join(" "),
      });
      navigate(`/referrals/${r.id}`);
    },
  });

  // A new attempt starts clean: no error from the previous one stays beside the new ones.
  const submit = form.onSubmit(
    (values) => void log.run(toInput(values)),
    () => log.reset(),
  );

  const v = form.getValues();
  const used = summary.data?.sessions;
  const exhausted = used ? used.used >= used.authorized : false;
  // Before saving: one more session than the prescribed weekly frequency is logged and counted, with a warning.
  // (Days here are the browser's; the server decides in the patient's zone.)
  const zone = browserTimeZone();
  const day = /^\d{4}-\d{2}-\d{2}T/.test(v.occurredAt) ? v.occurredAt.slice(0, 10) : null;
  const thisWeek =
    rx && day && day >= rx.validFrom && logged.data
      ? sessionsInWeek(
          rx.validFrom,
          logged.data.filter((s) => s.prescriptionId === rx.id).map((s) => dayIn(s.occurredAt, zone)),
          day,
        )
      : null;
  const beyondFrequency = rx && thisWeek !== null && thisWeek > rx.sessionsPerWeek;

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Session form">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {appt ? (
            <Text size="sm">
              {/* In the browser's zone, like the date field below. */}
              From the appointment on {formatDateTime(appt.startsAt, { timeZone: browserTimeZone() })}: it
              will be marked attended.
            </Text>
          ) : null}
          {used ? (
            <Text size="sm">
              This will be session {used.used + 1} of {used.authorized} authorized
              {rx ? ` (prescription valid ${formatDay(rx.validFrom)} to ${formatDay(rx.expiresOn)})` : ""}.
            </Text>
          ) : null}
          {beyondFrequency ? (
            <Alert color="orange" variant="light" title="More sessions this week than prescribed">
              This would be session {thisWeek} in this week of the prescription, which allows{" "}
              {rx?.sessionsPerWeek} per week. It will be logged and counted, and the care team will see a
              warning on the timeline.
            </Alert>
          ) : null}
          {exhausted ? (
            <Alert color="orange" variant="light" title="No authorized sessions left">
              All {used?.authorized} authorized sessions are used; the physician must renew the prescription
              first.
            </Alert>
          ) : null}
          {log.alert}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Date and time"
              description="Your local time; defaults to now."
              type="datetime-local"
              required
              {...form.getInputProps("occurredAt")}
            />
            <Stack gap={4}>
              <NumberInput
                clampBehavior="none"
                label="Minutes"
                description="Hands-on treatment time."
                min={1}
                max={240}
                allowDecimal={false}
                required
                {...form.getInputProps("minutes")}
              />
              <UnitsHint minutes={v.minutes} />
            </Stack>
          </SimpleGrid>
          {prescribedCodes.includes("97124") && prescribedCodes.includes("97140") ? (
            <Checkbox
              label="Both services in this visit (97124 and 97140, each with its own minutes)"
              {...form.getInputProps("split", { type: "checkbox" })}
            />
          ) : null}
          {v.split ? (
            <Stack gap={4}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <NumberInput
                  clampBehavior="none"
                  label="97124 minutes"
                  min={1}
                  max={240}
                  allowDecimal={false}
                  required
                  {...form.getInputProps("minutes97124")}
                />
                <NumberInput
                  clampBehavior="none"
                  label="97140 minutes"
                  min={1}
                  max={240}
                  allowDecimal={false}
                  required
                  {...form.getInputProps("minutes97140")}
                />
              </SimpleGrid>
              <SplitUnitsHint a={v.minutes97124} b={v.minutes97140} />
            </Stack>
          ) : (
            <Radio.Group
              label="CPT code"
              description="Only the codes on the prescription."
              required
              {...form.getInputProps("cptCode")}
            >
              <Group gap="lg" mt={6}>
                {prescribedCodes.map((code) => (
                  <Radio key={code} value={code} label={`${code} — ${CPT_LABELS[code] ?? code}`} />
                ))}
              </Group>
            </Radio.Group>
          )}
          <TagsInput
            label="Techniques"
            description="Type one, then press Enter."
            required
            {...form.getInputProps("techniques")}
          />
          <Checkbox.Group label="Body regions" required {...form.getInputProps("bodyRegions")}>
            <Group gap="lg" mt={6}>
              {BODY_REGIONS.map((b) => (
                <Checkbox key={b} value={b} label={BODY_REGION_LABELS[b]} />
              ))}
            </Group>
          </Checkbox.Group>
          <Radio.Group label="Pressure" required {...form.getInputProps("pressure")}>
            <Group gap="lg" mt={6}>
              {PRESSURE_LEVELS.map((p) => (
                <Radio key={p} value={p} label={PRESSURE_LABELS[p]} />
              ))}
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              clampBehavior="none"
              label="Pain before"
              description="0-10"
              min={0}
              max={10}
              allowDecimal={false}
              required
              {...form.getInputProps("painBefore")}
            />
            <NumberInput
              clampBehavior="none"
              label="Pain after"
              description="0-10"
              min={0}
              max={10}
              allowDecimal={false}
              required
              {...form.getInputProps("painAfter")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <LongTextarea
              label="Subjective"
              description="What the patient reports."
              autosize
              minRows={2}
              maxRows={8}
              required
              maxLength={SOAP_LIMIT}
              {...form.getInputProps("subjective")}
            />
            <LongTextarea
              label="Objective"
              description="What you found."
              autosize
              minRows={2}
              maxRows={8}
              maxLength={SOAP_LIMIT}
              {...form.getInputProps("objective")}
            />
            <LongTextarea
              label="Assessment"
              description="Response to treatment, progress."
              autosize
              minRows={2}
              maxRows={8}
              maxLength={SOAP_LIMIT}
              {...form.getInputProps("assessment")}
            />
            <LongTextarea
              label="Plan"
              description="Next visit, home care."
              autosize
              minRows={2}
              maxRows={8}
              maxLength={SOAP_LIMIT}
              {...form.getInputProps("plan")}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={log.pending || log.succeeded} disabled={log.conflict}>
              Log session
            </Button>
            <Button variant="default" component={Link} to={`/referrals/${r.id}`}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export default function SessionNewPage() {
  const query = useReferralQuery();
  return (
    <ReferralGate query={query}>
      {(r) => (
        <Stack gap="lg">
          <ReferralHeader
            referral={r}
            pageTitle="Log a session"
            heading="Log a session"
            description={`For ${r.patient.name}.`}
          />
          {r.status === "active" ? (
            <SessionForm referral={r} />
          ) : (
            <Alert color="gray" variant="light" title="Sessions cannot be logged now">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  {r.status === "planning"
                    ? "The plan of care is not in effect yet: it needs your approval, the physician's, and the patient's acknowledgement."
                    : "Sessions can be logged only while treatment is under way."}
                </Text>
                <Anchor component={Link} to={`/referrals/${r.id}`}>
                  Back to the referral
                </Anchor>
              </Stack>
            </Alert>
          )}
        </Stack>
      )}
    </ReferralGate>
  );
}
