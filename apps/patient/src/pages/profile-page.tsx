import { Anchor, Button, Paper, Stack, TagsInput, Text, TextInput, Title } from "@mantine/core";
import { makePatientProfileSchema, type PatientProfileInput } from "@mm/domain";
import { FormError, localToday, type Me, PageHeader, useMe } from "@mm/ui";
import { blankToUndefined, FormActions, StateSelect, TimeZoneSelect, useProfileForm } from "@mm/ui/forms";
import { Link } from "react-router";

type Values = {
  name: string;
  dateOfBirth: string;
  state: string | null;
  phone: string;
  medicalConditions: string[];
  medications: string[];
  allergies: string[];
  timeZone: string | null;
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
    timeZone: me.user.timeZone,
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
    timeZone: v.timeZone ?? undefined,
  };
}

const LIST_HINT = "Type one, then press Enter.";

export default function ProfilePage() {
  const me = useMe();
  const { form, submit, save, formError } = useProfileForm({
    schema: makePatientProfileSchema({ now: new Date() }),
    initialValues: initialValues(me),
    toInput,
  });
  const today = localToday();

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
            <TimeZoneSelect
              label="Time zone"
              description="Your prescription's dates and your goals' dates are days where you live."
              required
              key={form.key("timeZone")}
              {...form.getInputProps("timeZone")}
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
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="disclosures-heading">
        <Stack gap="xs" align="flex-start">
          <Title order={2} size="h4" id="disclosures-heading">
            Who has seen my record
          </Title>
          <Text c="dimmed">
            See when your physician, your therapist or anyone else opened or changed your record, and what
            they did.
          </Text>
          <Button component={Link} to="/profile/disclosures" variant="default">
            See who has seen my record
          </Button>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Your record">
        <Stack gap="xs" maw={560}>
          <Text fw={600}>Your whole record</Text>
          <Text size="sm">
            Every referral, prescription, plan, visit and report in one zip file: the record in the standard
            format (FHIR) that other health systems read, with your signed documents and files as PDFs and
            images.
          </Text>
          <Anchor href={`/documents/patients/${me.user.id}/record.zip`} download>
            Download my record (zip)
          </Anchor>
        </Stack>
      </Paper>
    </Stack>
  );
}
