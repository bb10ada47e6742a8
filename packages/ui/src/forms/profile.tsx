import { Button, Group, Select, type SelectProps, Text } from "@mantine/core";
import { US_STATES } from "@mm/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

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
