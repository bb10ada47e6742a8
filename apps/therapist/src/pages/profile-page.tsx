import { Alert, List, MultiSelect, Paper, Select, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import {
  CREDENTIAL_FLAG_LABELS,
  CREDENTIAL_KINDS,
  CREDENTIAL_LABELS,
  type CredentialKind,
  SPECIALTY_LABELS,
  type Specialty,
  THERAPIST_SPECIALTIES,
  type TherapistProfileInput,
  therapistProfileSchema,
} from "@mm/domain";
import { FormError, type Me, PageHeader, useMe } from "@mm/ui";
import {
  blankToUndefined,
  FormActions,
  LongTextarea,
  maxLengthOf,
  StateSelect,
  TimeZoneSelect,
  useProfileForm,
} from "@mm/ui/forms";
import { FeeEditor } from "../components/fee-editor";

type Values = {
  name: string;
  timeZone: string | null;
  credentialKind: string | null;
  credentialNumber: string;
  credentialState: string | null;
  credentialExpiresOn: string;
  npi: string;
  specialties: string[];
  payers: string[];
  bio: string;
  phone: string;
};

const CREDENTIAL_OPTIONS = CREDENTIAL_KINDS.map((value) => ({ value, label: CREDENTIAL_LABELS[value] }));
const SPECIALTY_OPTIONS = THERAPIST_SPECIALTIES.map((value) => ({ value, label: SPECIALTY_LABELS[value] }));

function initialValues(me: Me): Values {
  const p = me.profile.role === "therapist" ? me.profile : null;
  return {
    name: me.user.name,
    timeZone: me.user.timeZone,
    credentialKind: p?.credentialKind ?? null,
    credentialNumber: p?.credentialNumber ?? "",
    credentialState: p?.credentialState ?? null,
    credentialExpiresOn: p?.credentialExpiresOn ?? "",
    npi: p?.npi ?? "",
    specialties: p?.specialties ?? [],
    payers: p?.payers ?? [],
    bio: p?.bio ?? "",
    phone: p?.phone ?? "",
  };
}

function toInput(v: Values): TherapistProfileInput {
  return {
    role: "therapist",
    name: v.name,
    timeZone: v.timeZone ?? undefined,
    credentialKind: (v.credentialKind ?? "") as CredentialKind,
    credentialNumber: blankToUndefined(v.credentialNumber),
    credentialState: (v.credentialState ?? undefined) as TherapistProfileInput["credentialState"],
    credentialExpiresOn: blankToUndefined(v.credentialExpiresOn),
    npi: blankToUndefined(v.npi)?.trim(),
    specialties: v.specialties as Specialty[],
    payers: v.payers,
    bio: blankToUndefined(v.bio),
    phone: blankToUndefined(v.phone),
  };
}

/** Credential problems that do not block saving but matter to patients and insurers (the banner covers verification). */
function CredentialWarnings({ flags }: { flags: Me["credentialFlags"] }) {
  const shown = flags.filter((f) => f !== "not_verified");
  if (shown.length === 0) return null;
  return (
    <Alert color="orange" variant="light" title="Check your credential" role="status">
      <Stack gap="xs">
        <List size="sm">
          {shown.map((flag) => (
            <List.Item key={flag}>{CREDENTIAL_FLAG_LABELS[flag]}</List.Item>
          ))}
        </List>
        <Text size="sm">Prescribed, insured referrals need a current state license or registration.</Text>
      </Stack>
    </Alert>
  );
}

export default function ProfilePage() {
  const me = useMe();
  const { form, submit, save, formError } = useProfileForm({
    schema: therapistProfileSchema,
    initialValues: initialValues(me),
    toInput,
  });

  return (
    <Stack gap="lg">
      <PageHeader
        title="My profile"
        description="Patients choose a therapist by this. Changing your credential or NPI means we verify you again."
      />
      <CredentialWarnings flags={me.credentialFlags} />
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Profile form">
        <form onSubmit={submit} noValidate>
          <Stack gap="md" maw={560}>
            <FormError message={formError} />
            <TextInput
              label="Full name"
              description="As patients should see it, e.g. Jordan Rivera, LMT."
              autoComplete="name"
              required
              key={form.key("name")}
              {...form.getInputProps("name")}
            />
            <TimeZoneSelect
              label="Time zone"
              description="Where you work: the times on your screens are shown in this zone."
              required
              key={form.key("timeZone")}
              {...form.getInputProps("timeZone")}
            />
            <Select
              label="Credential"
              description="Insurers pay only for a state license or registration."
              data={CREDENTIAL_OPTIONS}
              required
              allowDeselect={false}
              key={form.key("credentialKind")}
              {...form.getInputProps("credentialKind")}
            />
            <TextInput
              label="Credential number"
              description="Needed for a license or registration."
              key={form.key("credentialNumber")}
              {...form.getInputProps("credentialNumber")}
            />
            <StateSelect
              label="Issuing state"
              clearable
              key={form.key("credentialState")}
              {...form.getInputProps("credentialState")}
            />
            <TextInput
              label="Expiry date"
              type="date"
              key={form.key("credentialExpiresOn")}
              {...form.getInputProps("credentialExpiresOn")}
            />
            <TextInput
              label="NPI"
              description="Optional. Some insurers require it."
              inputMode="numeric"
              maxLength={10}
              key={form.key("npi")}
              {...form.getInputProps("npi")}
            />
            <MultiSelect
              label="Specialties"
              data={SPECIALTY_OPTIONS}
              searchable
              hidePickedOptions
              key={form.key("specialties")}
              {...form.getInputProps("specialties")}
            />
            <TagsInput
              label="Payers you bill"
              description="Insurers, e.g. Aetna. Type one, then press Enter."
              key={form.key("payers")}
              {...form.getInputProps("payers")}
            />
            <LongTextarea
              label="About you"
              description="A few lines for patients: your approach and experience."
              autosize
              minRows={3}
              maxRows={8}
              maxLength={maxLengthOf(therapistProfileSchema, "bio") ?? 2000}
              key={form.key("bio")}
              {...form.getInputProps("bio")}
            />
            <TextInput
              label="Phone"
              description="Optional."
              type="tel"
              autoComplete="tel"
              key={form.key("phone")}
              {...form.getInputProps("phone")}
            />
            <FormActions saving={save.isPending} saved={save.isSuccess} />
          </Stack>
        </form>
      </Paper>
      <FeeEditor />
    </Stack>
  );
}
