import { Anchor, Paper, Stack, TagsInput, Text, TextInput } from "@mantine/core";
import { type PatientProfileInput, patientProfileSchema } from "@mm/domain";
import { FormError, type Me, PageHeader, useMe } from "@mm/ui";
import { blankToUndefined, FormActions, StateSelect, useProfileForm } from "@mm/ui/forms";

type Values = {
  name: string;
  dateOfBirth: string;
  state: string | null;
  phone: string;
  medicalConditions: string[];
  medications: string[];
  allergies: string[];
};

function initialValues(me: Me): Values {
  const p = me.profile.role === "patient" ? me.profile : null;
  return {
    name: me.user.name,
    dateOfBirth: p?.dateOfBirth ?? "",
    state: p?.state ?? null,
    phone: p?.phone ?? "",
    medicalConditions: p?.medicalConditions ?? [],
    medications: p?.medications ?? [],
    allergies: p?.allergies ?? [],
  };
}

function toInput(v: Values): PatientProfileInput {
  return {
    role: "patient",
    name: v.name,
    dateOfBirth: v.dateOfBirth,
    state: (v.state ?? "") as PatientProfileInput["state"],
    phone: blankToUndefined(v.phone),
    medicalConditions: v.medicalConditions,
    medications: v.medications,
    allergies: v.allergies,
  };
}

const LIST_HINT = "Type one, then press Enter.";

export default function ProfilePage() {
  const me = useMe();
  const { form, submit, save, formError } = useProfileForm({
    schema: patientProfileSchema,
    initialValues: initialValues(me),
    toInput,
  });
  const today = new Date().toISOString().slice(0, 10);

  return (
    <Stack gap="lg">
      <PageHeader
        title="My profile"
        description="Your physician and therapist see this. Only they can, and only for your care."
      />
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Profile form">
        <form onSubmit={submit} noValidate>
          <Stack gap="md" maw={560}>
            <FormError message={formError} />
            <TextInput
              label="Full name"
              autoComplete="name"
              required
              key={form.key("name")}
              {...form.getInputProps("name")}
            />
            <TextInput
              label="Date of birth"
              type="date"
              max={today}
              required
              key={form.key("dateOfBirth")}
              {...form.getInputProps("dateOfBirth")}
            />
            <StateSelect
              label="State"
              description="Where you live and will get massage."
              required
              key={form.key("state")}
              {...form.getInputProps("state")}
            />
            <TextInput
              label="Phone"
              description="Optional."
              type="tel"
              autoComplete="tel"
              key={form.key("phone")}
              {...form.getInputProps("phone")}
            />
            <TagsInput
              label="Medical conditions"
              description={`Every condition, even if it seems unrelated. ${LIST_HINT}`}
              key={form.key("medicalConditions")}
              {...form.getInputProps("medicalConditions")}
            />
            <TagsInput
              label="Medications"
              description={`Include pain medication and dose. ${LIST_HINT}`}
              key={form.key("medications")}
              {...form.getInputProps("medications")}
            />
            <TagsInput
              label="Allergies"
              description={`For example latex or massage oils. ${LIST_HINT}`}
              key={form.key("allergies")}
              {...form.getInputProps("allergies")}
            />
            <FormActions saving={save.isPending} saved={save.isSuccess} />
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Your record">
        <Stack gap="xs" maw={560}>
          <Text fw={600}>Your whole record</Text>
          <Text size="sm">
            Every referral, prescription, plan, visit and report as FHIR R4 JSON, the standard other health
            systems read.
          </Text>
          <Anchor href={`/fhir/R4/Patient/${me.user.id}/$everything`} download="my-record.fhir.json">
            Download my record (FHIR JSON)
          </Anchor>
        </Stack>
      </Paper>
    </Stack>
  );
}
