import { Button, Group, Select, type SelectProps, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { ProfileUpdateInput } from "@mm/domain";
import { US_STATES } from "@mm/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc";
import { applyServerErrors, type StandardSchema, zodValidate } from "./validation";

/** Options for a US state picker: "California (CA)". */
export const US_STATE_OPTIONS = Object.entries(US_STATES).map(([value, name]) => ({
  value,
  label: `${name} (${value})`,
}));

/** Searchable US state picker (the value is the two-letter code). Pass `clearable` for optional ones. */
export function StateSelect(props: Omit<SelectProps, "data">) {
  return (
    <Select
      data={US_STATE_OPTIONS}
      searchable
      nothingFoundMessage="No state matches"
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

/** Every IANA zone this browser knows (the server checks the same names); UTC first-class too. */
function timeZoneOptions(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: "timeZone") => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/** Searchable time zone picker: a patient's clinical days (validity, goal dates, "today") are days in this zone. */
export function TimeZoneSelect(props: Omit<SelectProps, "data">) {
  return (
    <Select
      data={timeZoneOptions()}
      searchable
      nothingFoundMessage="No time zone matches"
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

/** `profile.update`; on success the cached `me.get` becomes the saved profile. */
export function useSaveProfile() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.profile.update.mutationOptions({
      onSuccess: (me) => {
        queryClient.setQueryData(trpc.me.get.queryKey(), me);
      },
    }),
  );
}

/**
 * A role's profile form: validated in the browser by the server's own schema, saved with `profile.update`, server
 * field errors placed under their fields and anything else returned as `formError`.
 */
export function useProfileForm<Values extends Record<string, unknown>>(options: {
  schema: StandardSchema;
  initialValues: Values;
  toInput: (values: Values) => ProfileUpdateInput;
}) {
  const save = useSaveProfile();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: "uncontrolled",
    initialValues: options.initialValues,
    validate: zodValidate(options.schema, options.toInput),
  });
  const submit = form.onSubmit((values) => {
    setFormError(null);
    save.mutate(options.toInput(values), {
      onError: (error) => setFormError(applyServerErrors(form, error)),
    });
  });
  return { form, submit, save, formError };
}

/** The Save button and, once saved, a short confirmation screen readers hear. */
export function FormActions({
  saving,
  saved,
  label = "Save",
}: {
  saving: boolean;
  saved: boolean;
  label?: string;
}) {
  return (
    <Group>
      <Button type="submit" loading={saving}>
        {label}
      </Button>
      <Text role="status" size="sm" c="teal.9" fw={500}>
        {saved && !saving ? "Profile saved" : ""}
      </Text>
    </Group>
  );
}
