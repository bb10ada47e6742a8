import { Paper, Stack, TextInput } from "@mantine/core";
import { type PhysicianProfileInput, physicianProfileSchema } from "@mm/domain";
import { FormError, type Me, PageHeader, useMe } from "@mm/ui";
import { blankToUndefined, FormActions, StateSelect, TimeZoneSelect, useProfileForm } from "@mm/ui/forms";

type Values = {
  name: string;
  npi: string;
  practice: string;
  practiceAddress: string;
  state: string | null;
  timeZone: string | null;
  licenseNumber: string;
  phone: string;
};

function initialValues(me: Me): Values {
  const p = me.profile.role === "physician" ? me.profile : null;
  return {
    name: me.user.name,
    npi: p?.npi ?? "",
    practice: p?.practice ?? "",
    practiceAddress: p?.practiceAddress ?? "",
    state: p?.state ?? null,
    timeZone: me.user.timeZone,
    licenseNumber: p?.licenseNumber ?? "",
    phone: p?.phone ?? "",
  };
}

function toInput(v: Values): PhysicianProfileInput {
  return {
    role: "physician",
    name: v.name,
    npi: v.npi.trim(),
    practice: v.practice,
    practiceAddress: blankToUndefined(v.practiceAddress),
    state: (v.state ?? "") as PhysicianProfileInput["state"],
    timeZone: v.timeZone ?? undefined,
    licenseNumber: blankToUndefined(v.licenseNumber),
    phone: blankToUndefined(v.phone),
  };
}

export default function ProfilePage() {
  const me = useMe();
  const { form, submit, save, formError } = useProfileForm({
    schema: physicianProfileSchema,
    initialValues: initialValues(me),
    toInput,
  });

  return (
    <Stack gap="lg">
      <PageHeader
        title="My profile"
        description="Patients see your name, practice and state. Changing your NPI or state means we verify you again."
      />
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Profile form">
        <form onSubmit={submit} noValidate>
          <Stack gap="md" maw={560}>
            <FormError message={formError} />
            <TextInput
              label="Full name"
              description="As patients should see it, e.g. Dr. Alicia Chen."
              autoComplete="name"
              required
              key={form.key("name")}
              {...form.getInputProps("name")}
            />
            <TextInput
              label="NPI"
              description="Your 10-digit National Provider Identifier."
              inputMode="numeric"
              maxLength={10}
              required
              key={form.key("npi")}
              {...form.getInputProps("npi")}
            />
            <TextInput
              label="Practice"
              autoComplete="organization"
              required
              key={form.key("practice")}
              {...form.getInputProps("practice")}
            />
            <TextInput
              label="Practice address"
              description="Optional. Printed on your prescriptions and letters."
              autoComplete="street-address"
              key={form.key("practiceAddress")}
              {...form.getInputProps("practiceAddress")}
            />
            <StateSelect
              label="State"
              description="Where you practice."
              required
              key={form.key("state")}
              {...form.getInputProps("state")}
            />
            <TimeZoneSelect
              label="Time zone"
              description="Where you work: the times on your screens are shown in this zone."
              required
              key={form.key("timeZone")}
              {...form.getInputProps("timeZone")}
            />
            <TextInput
              label="State medical license number"
              description="Optional. Printed on your prescriptions; changing it means we verify you again."
              key={form.key("licenseNumber")}
              {...form.getInputProps("licenseNumber")}
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
    </Stack>
  );
}
