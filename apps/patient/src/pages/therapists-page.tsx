import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import {
  CREDENTIAL_LABELS,
  SPECIALTY_LABELS,
  type Specialty,
  THERAPIST_SPECIALTIES,
  type UsState,
} from "@mm/domain";
import {
  EmptyState,
  ErrorState,
  LoadingState,
  notify,
  PageHeader,
  type RouterOutputs,
  useMe,
  useTRPC,
  WRAP_LABEL,
} from "@mm/ui";
import { US_STATE_OPTIONS } from "@mm/ui/forms";
import type { Referral } from "@mm/ui/referral";
import { formatDay, ReferralGate, useReferralMutation, useReferralQuery } from "@mm/ui/referral-page";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link, useNavigate } from "react-router";
import { Dialog } from "../components/dialog";
import { PATIENT_GATE_TEXT } from "../lib/referral-text";

type Therapist = RouterOutputs["directory"]["therapists"][number];

/** The "no filter" choice of each filter (a real option, so it can be picked with the keyboard). */
const ANY = "any";

export default function TherapistsPage() {
  const query = useReferralQuery();
  return (
    <ReferralGate query={query} text={{ ...PATIENT_GATE_TEXT, title: "Choose a therapist" }}>
      {(referral) => <Directory referral={referral} />}
    </ReferralGate>
  );
}

function credentialLine(t: Therapist): string {
  const kind = t.credentialKind ? CREDENTIAL_LABELS[t.credentialKind] : "No credential";
  if (t.credentialKind !== "license" && t.credentialKind !== "registration") return kind;
  const parts = [kind, t.credentialNumber ? `no. ${t.credentialNumber}` : null, t.credentialState];
  return `${parts.filter(Boolean).join(", ")} · expires ${formatDay(t.credentialExpiresOn, "no expiry date on file")}`;
}

function Directory({ referral }: { referral: Referral }) {
  const me = useMe();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const patientState = me.profile.role === "patient" ? me.profile.state : null;
  const [state, setState] = useState<UsState | null>(
    (referral.patient.state ?? patientState ?? null) as UsState | null,
  );
  const [payer, setPayer] = useState<string | null>(null);
  const [specialty, setSpecialty] = useState<Specialty | null>(null);
  const [chosen, setChosen] = useState<Therapist | null>(null);
  const open = referral.status === "prescribed" && referral.allowedActions.includes("chooseTherapist");

  const therapists = useQuery({
    ...trpc.directory.therapists.queryOptions({
      referralId: referral.id,
      state: state ?? undefined,
      payer: payer ?? undefined,
      specialty: specialty ?? undefined,
    }),
    placeholderData: keepPreviousData,
  });
  // Payer choices: every payer any listed therapist bills, plus the patient's own insurer.
  const everyone = useQuery(trpc.directory.therapists.queryOptions({}));
  const payers = [
    ...new Set([
      ...(referral.coverage?.payerName ? [referral.coverage.payerName] : []),
      ...(everyone.data ?? []).flatMap((t) => t.payers),
    ]),
  ].sort((a, b) => a.localeCompare(b));

  const choose = useReferralMutation(trpc.referral.chooseTherapist.mutationOptions(), {
    referralId: referral.id,
    errorTitle: "Could not choose this therapist",
    onSuccess: () => {
      notify({
        color: "teal",
        title: "Therapist chosen",
        message: `We sent your referral to ${chosen?.name ?? "your therapist"}. You'll see here when they accept.`,
      });
      setChosen(null);
      navigate(`/referrals/${referral.id}`);
    },
  });
  const confirm = () => {
    if (!chosen) return;
    void choose.run({ referralId: referral.id, therapistId: chosen.id, expectedVersion: referral.version });
  };

  const list = [...(therapists.data ?? [])].sort((a, b) => Number(b.eligible) - Number(a.eligible));
  const eligibleCount = list.filter((t) => t.eligible).length;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Choose a therapist"
        description="For your prescription, your insurer pays only therapists who meet its rules. We show who can take your referral, and why others can't."
      />
      <Anchor component={Link} to={`/referrals/${referral.id}`}>
        Back to the referral
      </Anchor>
      {!open ? (
        <Alert color="blue" variant="light" title="You can't choose a therapist right now">
          {referral.status === "awaiting_therapist" ||
          referral.status === "planning" ||
          referral.status === "active"
            ? `You chose ${referral.therapist?.name ?? "a therapist"} for this referral.`
            : "A therapist can be chosen once your physician has signed a prescription."}
        </Alert>
      ) : null}
      {open && !referral.coverage ? (
        <Alert color="yellow" variant="light" title="Add your insurance first?">
          Without your insurance we can't check its rules (an NPI, in-network).{" "}
          <Anchor component={Link} to="/insurance" inherit>
            Add your insurance
          </Anchor>
        </Alert>
      ) : null}

      <Paper withBorder p="md" radius="md" component="section" aria-label="Filters">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Select
            label="State"
            description="Where the therapist is licensed."
            data={[{ value: ANY, label: "Any state" }, ...US_STATE_OPTIONS]}
            value={state ?? ANY}
            onChange={(v) => setState(!v || v === ANY ? null : (v as UsState))}
            allowDeselect={false}
            searchable
            nothingFoundMessage="No state matches"
            size="md"
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Insurance accepted"
            description="Therapists who bill this insurer."
            data={[{ value: ANY, label: "Any insurer" }, ...payers.map((p) => ({ value: p, label: p }))]}
            value={payer ?? ANY}
            onChange={(v) => setPayer(!v || v === ANY ? null : v)}
            allowDeselect={false}
            size="md"
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Specialty"
            description="What the therapist focuses on."
            data={[
              { value: ANY, label: "Any specialty" },
              ...THERAPIST_SPECIALTIES.map((s) => ({ value: s, label: SPECIALTY_LABELS[s] })),
            ]}
            value={specialty ?? ANY}
            onChange={(v) => setSpecialty(!v || v === ANY ? null : (v as Specialty))}
            allowDeselect={false}
            size="md"
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
      </Paper>

      {therapists.isPending ? (
        <LoadingState label="Loading therapists" />
      ) : therapists.isError ? (
        <ErrorState
          error={therapists.error}
          title="Could not load therapists"
          onRetry={() => therapists.refetch()}
        />
      ) : list.length === 0 ? (
        <EmptyState title="No therapist matches these filters">
          Try another state, insurer or specialty.
        </EmptyState>
      ) : (
        <Stack gap="sm">
          <Text role="status" fw={500}>
            {list.length} {list.length === 1 ? "therapist" : "therapists"}, {eligibleCount} can take your
            referral
          </Text>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }} aria-label="Therapists">
            {list.map((t) => (
              <TherapistCard key={t.id} therapist={t} canChoose={open} onChoose={() => setChosen(t)} />
            ))}
          </Stack>
        </Stack>
      )}

      <Dialog
        opened={chosen !== null}
        onClose={() => {
          setChosen(null);
          choose.reset();
        }}
        title={chosen ? `Send your referral to ${chosen.name}?` : ""}
      >
        <Stack gap="md">
          <Text>
            {chosen?.name} will see your prescription and the health details you shared, and will accept or
            turn it down.
          </Text>
          {choose.alert}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" size="md" onClick={() => setChosen(null)}>
              Not now
            </Button>
            <Button size="md" onClick={confirm} loading={choose.pending}>
              Yes, send it
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  );
}

function TherapistCard({
  therapist: t,
  canChoose,
  onChoose,
}: {
  therapist: Therapist;
  canChoose: boolean;
  onChoose: () => void;
}) {
  const reasonsId = useId();
  const headingId = useId();
  return (
    <Paper component="li" withBorder p="md" radius="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={2} size="h4" id={headingId}>
              {t.name}
            </Title>
            <Text size="sm">{credentialLine(t)}</Text>
            {t.npi ? <Text size="sm">NPI {t.npi}</Text> : null}
          </Stack>
          {t.eligible ? (
            <Badge color="green" c="#1b5e2a" variant="light" size="lg" radius="sm">
              Eligible
            </Badge>
          ) : (
            <Badge color="red" c="var(--mantine-color-red-9)" variant="light" size="lg" radius="sm">
              Not eligible
            </Badge>
          )}
        </Group>
        {t.specialties.length > 0 ? (
          <Group gap={6} aria-label="Specialties">
            {t.specialties.map((s) => (
              <Badge key={s} variant="outline" color="gray" c="gray.8" radius="sm">
                {SPECIALTY_LABELS[s as Specialty] ?? s}
              </Badge>
            ))}
          </Group>
        ) : null}
        <Text size="sm">
          <Text span fw={600} inherit>
            Insurance accepted:
          </Text>{" "}
          {t.payers.length > 0 ? t.payers.join(", ") : "None listed"}
        </Text>
        {t.bio ? <Text size="sm">{t.bio}</Text> : null}
        {!t.eligible && t.reasons.length > 0 ? (
          <Alert color="red" variant="light" p="sm" title="Why this therapist can't take your referral">
            <List size="sm" id={reasonsId} spacing={4}>
              {t.reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {canChoose ? (
          <Group>
            <Button
              size="md"
              styles={WRAP_LABEL}
              disabled={!t.eligible}
              onClick={onChoose}
              aria-describedby={t.eligible ? undefined : reasonsId}
            >
              Choose {t.name}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
