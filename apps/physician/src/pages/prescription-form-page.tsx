import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  addDays,
  BODY_REGION_LABELS,
  BODY_REGIONS,
  CPT_CODES,
  type DesiredFrequency,
  ICD10_CODES,
  type PrescriptionSignInput,
  prescriptionSignSchema,
  todayIso,
} from "@mm/domain";
import { notify, pendingVerificationText, useMe, useTRPC } from "@mm/ui";
import { LongTextarea, maxLengthOf, wordStartFilter, zodValidate } from "@mm/ui/forms";
import {
  formatDay,
  plural,
  type Referral,
  ReferralGate,
  ReferralHeader,
  regionList,
  useReferralMutation,
  useReferralQuery,
} from "@mm/ui/referral-page";
import { useRef } from "react";
import { Link, useNavigate } from "react-router";

type Mode = "sign" | "renew";

type Values = {
  diagnosisCodes: string[];
  sessionsPerWeek: number | string;
  weeks: number | string;
  totalSessions: number | string;
  cptCodes: string[];
  bodyRegions: string[];
  precautions: string;
  validFrom: string;
  expiresOn: string;
  attestation: boolean;
  signature: string;
};

const DIAGNOSIS_OPTIONS = ICD10_CODES.map((c) => ({ value: c.code, label: `${c.code} — ${c.label}` }));
const ATTESTATION = "I attest that massage therapy is medically necessary for this patient";
const PER_WEEK: Record<DesiredFrequency, number> = {
  twice_weekly: 2,
  weekly: 1,
  every_two_weeks: 1,
  monthly: 1,
};

/** The later of two `YYYY-MM-DD` days. */
const laterDay = (a: string, b: string) => (a.localeCompare(b) > 0 ? a : b);
const toNumber = (v: number | string): number => (v === "" ? Number.NaN : Number(v));
const isWhole = (n: number) => Number.isInteger(n) && n > 0;

function expiryFor(validFrom: string, weeks: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom) || !isWhole(weeks)) return null;
  try {
    return addDays(validFrom, weeks * 7);
  } catch {
    return null;
  }
}

/** The patient's disclosures, as a starting point the physician turns into instructions. */
function precautionHint(r: Referral): string {
  const parts: string[] = [];
  const conditions = [...new Set([...r.medicalConditions, ...(r.patient.medicalConditions ?? [])])];
  if (conditions.length > 0) parts.push(`Conditions: ${conditions.join("; ")}.`);
  const medications = [...new Set([...r.medications, ...(r.patient.medications ?? [])])];
  if (medications.length > 0) parts.push(`Medications: ${medications.join("; ")}.`);
  if (r.patient.allergies && r.patient.allergies.length > 0)
    parts.push(`Allergies: ${r.patient.allergies.join("; ")}.`);
  return parts.join(" ");
}

function initialValues(r: Referral, mode: Mode): Values {
  // "Today" is the patient's day: the prescription's days are days in the patient's time zone.
  const today = todayIso(new Date(), r.patient.timeZone);
  const previous = r.currentPrescription;
  if (mode === "renew" && previous) {
    // Dates continue: the renewal starts today (never before the prescription it renews).
    const validFrom = laterDay(previous.validFrom, today);
    return {
      diagnosisCodes: [...previous.diagnosisCodes],
      sessionsPerWeek: previous.sessionsPerWeek,
      weeks: previous.weeks,
      totalSessions: previous.totalSessions,
      cptCodes: [...previous.cptCodes],
      bodyRegions: [...previous.bodyRegions],
      precautions: previous.precautions,
      validFrom,
      expiresOn: expiryFor(validFrom, previous.weeks) ?? "",
      attestation: false,
      signature: "",
    };
  }
  const perWeek = PER_WEEK[r.expectations.desiredFrequency as DesiredFrequency] ?? 1;
  const weeks = 8;
  return {
    diagnosisCodes: [],
    sessionsPerWeek: perWeek,
    weeks,
    totalSessions: perWeek * weeks,
    cptCodes: ["97124"],
    bodyRegions: [...r.bodyRegions],
    precautions: precautionHint(r),
    validFrom: today,
    expiresOn: expiryFor(today, weeks) ?? "",
    attestation: false,
    signature: "",
  };
}

const normalizeName = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
const withoutTitle = (s: string) => s.replace(/^dr\.?\s+/, "");

/** The typed signature must be the physician's own name (the "Dr." title may be left out). */
function signatureMatches(typed: string, name: string): boolean {
  const t = normalizeName(typed);
  const n = normalizeName(name);
  return t === n || withoutTitle(t) === withoutTitle(n);
}

function PrescriptionForm({ referral: r, mode }: { referral: Referral; mode: Mode }) {
  const me = useMe();
  const trpc = useTRPC();
  const navigate = useNavigate();
  // Total sessions follow frequency and duration whenever either changes (the physician can still type another
  // figure after); the expiry follows until the physician types their own date.
  const expiryEdited = useRef(false);

  const toInput = (v: Values): PrescriptionSignInput => ({
    referralId: r.id,
    diagnosisCodes: v.diagnosisCodes as PrescriptionSignInput["diagnosisCodes"],
    sessionsPerWeek: toNumber(v.sessionsPerWeek),
    weeks: toNumber(v.weeks),
    totalSessions: toNumber(v.totalSessions),
    cptCodes: v.cptCodes as PrescriptionSignInput["cptCodes"],
    bodyRegions: v.bodyRegions as PrescriptionSignInput["bodyRegions"],
    precautions: v.precautions,
    validFrom: v.validFrom,
    expiresOn: v.expiresOn,
    attestation: v.attestation as true,
    signature: v.signature,
    expectedVersion: r.version,
  });
  const schemaErrors = zodValidate(prescriptionSignSchema, toInput);
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: initialValues(r, mode),
    validate: (values) => {
      const errors = schemaErrors(values);
      if (!errors.signature && !signatureMatches(values.signature, me.user.name)) {
        errors.signature = `Type your own name to sign: ${me.user.name}`;
      }
      return errors;
    },
  });

  const follow = (changes: Partial<Values>) => {
    const next = { ...form.getValues(), ...changes };
    const perWeek = toNumber(next.sessionsPerWeek);
    const weeks = toNumber(next.weeks);
    const rateChanged = "sessionsPerWeek" in changes || "weeks" in changes;
    if (rateChanged && isWhole(perWeek) && isWhole(weeks)) changes.totalSessions = perWeek * weeks;
    if (!expiryEdited.current) {
      const expiry = expiryFor(next.validFrom, weeks);
      if (expiry) changes.expiresOn = expiry;
    }
    form.setValues(changes);
  };

  const mutationConfig = {
    referralId: r.id,
    form,
    errorTitle: mode === "renew" ? "Could not renew" : "Could not sign",
    onSuccess: () => {
      notify({
        color: "teal",
        message: mode === "renew" ? "Prescription renewed" : "Prescription signed",
      });
      // Leave first: refreshed data would otherwise show this page as "nothing to sign" for a moment.
      navigate(`/referrals/${r.id}`);
    },
  };
  const sign = useReferralMutation(trpc.prescription.sign.mutationOptions(), mutationConfig);
  const renew = useReferralMutation(trpc.prescription.renew.mutationOptions(), mutationConfig);
  const mutation = mode === "renew" ? renew : sign;
  const pending = mutation.pending || mutation.succeeded;

  // Two quick clicks send one prescription (the hook keeps it in flight); a failed check clears the last error.
  const submit = form.onSubmit(
    (values) => void mutation.run(toInput(values)),
    () => mutation.reset(),
  );

  const v = form.getValues();
  const total = toNumber(v.totalSessions);
  const summary =
    isWhole(total) && v.validFrom && v.expiresOn && v.expiresOn > v.validFrom
      ? `${plural(total, "session")}, valid ${formatDay(v.validFrom)} to ${formatDay(v.expiresOn)}.`
      : "";

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Prescription form">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {mutation.alert}
          <MultiSelect
            label="Diagnosis codes"
            description="ICD-10-CM. Type a code or words, e.g. M54.5 or low back."
            placeholder={v.diagnosisCodes.length === 0 ? "Search codes" : undefined}
            data={DIAGNOSIS_OPTIONS}
            searchable
            hidePickedOptions
            nothingFoundMessage="No code matches"
            maxValues={8}
            required
            filter={wordStartFilter}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("diagnosisCodes")}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <NumberInput
              clampBehavior="none"
              label="Sessions per week"
              description="1 to 7."
              min={1}
              max={7}
              allowDecimal={false}
              required
              {...form.getInputProps("sessionsPerWeek")}
              onChange={(value) => follow({ sessionsPerWeek: value })}
            />
            <NumberInput
              clampBehavior="none"
              label="Weeks"
              description="How long, 1 to 52."
              min={1}
              max={52}
              allowDecimal={false}
              required
              {...form.getInputProps("weeks")}
              onChange={(value) => follow({ weeks: value })}
            />
            <NumberInput
              clampBehavior="none"
              label="Total sessions authorized"
              description="Sessions per week × weeks; you can change it."
              min={1}
              max={104}
              allowDecimal={false}
              required
              {...form.getInputProps("totalSessions")}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Procedure codes (CPT)"
            description="Timed codes, billed in 15-minute units."
            required
            {...form.getInputProps("cptCodes")}
          >
            <Group gap="lg" mt={6}>
              {CPT_CODES.map((c) => (
                <Checkbox key={c.code} value={c.code} label={`${c.code} — ${c.label}`} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox.Group
            label="Body regions"
            description={`The patient asked about: ${regionList(r.bodyRegions)}.`}
            required
            {...form.getInputProps("bodyRegions")}
          >
            <Group gap="lg" mt={6}>
              {BODY_REGIONS.map((b) => (
                <Checkbox key={b} value={b} label={BODY_REGION_LABELS[b]} />
              ))}
            </Group>
          </Checkbox.Group>
          <LongTextarea
            label="Precautions and contraindications"
            description={
              mode === "renew"
                ? "Carried over from the current prescription."
                : "Prefilled with what the patient disclosed: turn it into instructions for the therapist."
            }
            autosize
            minRows={3}
            maxRows={10}
            maxLength={maxLengthOf(prescriptionSignSchema, "precautions") ?? 2000}
            {...form.getInputProps("precautions")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Valid from"
              type="date"
              required
              {...form.getInputProps("validFrom")}
              onChange={(e) => follow({ validFrom: e.currentTarget.value })}
            />
            <TextInput
              label="Expires on"
              type="date"
              description="Defaults to valid-from plus the weeks above."
              required
              {...form.getInputProps("expiresOn")}
              onChange={(e) => {
                expiryEdited.current = true;
                form.setFieldValue("expiresOn", e.currentTarget.value);
              }}
            />
          </SimpleGrid>
          {summary ? (
            <Text size="sm" fw={500} aria-live="polite">
              {summary}
            </Text>
          ) : null}
          <Checkbox
            label={ATTESTATION}
            required
            {...form.getInputProps("attestation", { type: "checkbox" })}
          />
          <TextInput
            label="Signature"
            description={`Type your full name: ${me.user.name}. Signing makes the prescription final; changes later are a renewal.`}
            autoComplete="off"
            required
            maw={420}
            {...form.getInputProps("signature")}
          />
          {me.pendingVerification ? (
            <Alert color="yellow" variant="light" title="You cannot sign yet" id="sign-pending">
              {pendingVerificationText("physician")}
            </Alert>
          ) : null}
          <Group>
            <Button
              type="submit"
              loading={pending}
              disabled={me.pendingVerification || mutation.conflict}
              aria-describedby={me.pendingVerification ? "sign-pending" : undefined}
            >
              {mode === "renew" ? "Sign renewal" : "Sign prescription"}
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

function PrescriptionFormPage({ mode }: { mode: Mode }) {
  const query = useReferralQuery();
  return (
    <ReferralGate query={query}>
      {(r) => {
        const allowed = r.allowedActions.includes(mode === "renew" ? "renew" : "signPrescription");
        const heading = mode === "renew" ? "Renew prescription" : "Sign prescription";
        return (
          <Stack gap="lg">
            <ReferralHeader
              referral={r}
              pageTitle={heading}
              heading={heading}
              description={`For ${r.patient.name}${mode === "renew" ? ". The renewal replaces the current prescription; sessions count against the new authorization." : "."}`}
            />
            {allowed ? (
              <PrescriptionForm referral={r} mode={mode} />
            ) : (
              <Alert
                color="gray"
                variant="light"
                title={mode === "renew" ? "Nothing to renew now" : "Nothing to sign now"}
              >
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">
                    {mode === "renew"
                      ? "A prescription can be renewed only while treatment is under way."
                      : "A prescription can be signed only while the request is waiting for your review."}
                  </Text>
                  <Anchor component={Link} to={`/referrals/${r.id}`}>
                    Back to the referral
                  </Anchor>
                </Stack>
              </Alert>
            )}
          </Stack>
        );
      }}
    </ReferralGate>
  );
}

export function SignPrescriptionPage() {
  return <PrescriptionFormPage mode="sign" />;
}

export function RenewPrescriptionPage() {
  return <PrescriptionFormPage mode="renew" />;
}
