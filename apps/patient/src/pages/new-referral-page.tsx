import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Stepper, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedCallback, useWindowEvent } from "@mantine/hooks";
import type { PatientProfileInput } from "@mm/domain";
import { errorMessage, FormError, formatDateTime, type Me, notify, PageHeader, useMe, useTRPC } from "@mm/ui";
import { draftStore } from "@mm/ui/forms";
import { useReferralMutation } from "@mm/ui/referral-page";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useBlocker, useNavigate } from "react-router";
import { Dialog } from "../components/dialog";
import {
  errorsForStep,
  foldPath,
  initialRequestValues,
  REQUEST_STEPS,
  REVIEW_STEP,
  type RequestValues,
  stepOfField,
  toRequestInput,
  validateRequest,
} from "../components/request-form";
import {
  EffectsStep,
  HealthStep,
  HopesStep,
  type Physician,
  PhysicianStep,
  ReviewStep,
  WhatHurtsStep,
} from "../components/request-steps";

type Draft = { values: RequestValues; step: number; physician: Physician | null };

export default function NewReferralPage() {
  const me = useMe();
  const trpc = useTRPC();
  const navigate = useNavigate();
  // What was typed survives a reload or a closed tab (on this device, until sent or sign-out).
  const [drafts] = useState(() => draftStore<Draft>("referral-request", me.user.id));
  const [restored] = useState(() => drafts.load());
  const initial = initialRequestValues(me);
  const [active, setActive] = useState(() => Math.min(restored?.data.step ?? 0, REVIEW_STEP));
  const [physician, setPhysician] = useState<Physician | null>(restored?.data.physician ?? null);
  const [showRestored, setShowRestored] = useState(restored !== null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const form = useForm<RequestValues>({
    mode: "controlled",
    initialValues: initial,
    validate: validateRequest,
  });
  // Restored values count as changes (dirty), so leaving still asks first.
  const restoredOnce = useRef(false);
  useEffect(() => {
    if (restoredOnce.current || !restored) return;
    restoredOnce.current = true;
    form.setValues({ ...initial, ...restored.data.values });
  }, [restored, form, initial]);

  const sent = useRef(false);
  const saveDraft = useDebouncedCallback((draft: Draft) => {
    if (!sent.current) drafts.save(draft);
  }, 400);
  const values = form.getValues();
  useEffect(() => {
    if (form.isDirty()) saveDraft({ values, step: active, physician });
  }, [values, active, physician, form, saveDraft]);

  const startOver = () => {
    drafts.clear();
    form.setValues(initial);
    form.resetDirty(initial);
    setPhysician(null);
    setShowRestored(false);
    go(0);
  };

  const create = useReferralMutation(trpc.referral.create.mutationOptions(), {
    form,
    formPath: foldPath,
    errorTitle: "Could not send your request",
    onFieldErrors: (paths) => {
      const first = paths[0];
      if (first) go(stepOfField(first));
    },
    onSuccess: ({ referral }) => {
      sent.current = true;
      drafts.clear();
      notify({
        color: "teal",
        title: "Request sent",
        message: `${physician?.name ?? "Your physician"} will review it. You'll see their answer here.`,
      });
      navigate(`/referrals/${referral.id}`);
    },
  });
  const queryClient = useQueryClient();
  const saveAllergies = useMutation(
    trpc.profile.update.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() }),
    }),
  );
  const [allergyError, setAllergyError] = useState<unknown>(null);

  // Leaving half-way: ask first (not after sending, and not within this page). The draft is kept either way.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !sent.current && form.isDirty() && currentLocation.pathname !== nextLocation.pathname,
  );
  useWindowEvent("beforeunload", (event) => {
    if (!sent.current && form.isDirty()) event.preventDefault();
  });

  // Moving between steps puts focus (and the screen) on the new step's heading, for keyboards and screen readers.
  const go = (step: number) => {
    setActive(step);
    setShowRestored(false);
    requestAnimationFrame(() => {
      headingRef.current?.focus();
      headingRef.current?.scrollIntoView({ block: "start" });
    });
  };

  const next = () => {
    const stepErrors = errorsForStep(validateRequest(form.getValues()), active);
    form.clearErrors();
    if (Object.keys(stepErrors).length > 0) {
      form.setErrors(stepErrors);
      return;
    }
    go(Math.min(active + 1, REVIEW_STEP));
  };

  const submit = async () => {
    if (create.pending || saveAllergies.isPending) return;
    create.reset();
    setAllergyError(null);
    const result = form.validate();
    if (result.hasErrors) {
      const first = Object.keys(result.errors)[0];
      if (first) go(stepOfField(first));
      return;
    }
    const v = form.getValues();
    // Allergies live on the profile (every referral shows them): save them first if they were changed here.
    const profile = me.profile.role === "patient" ? me.profile : null;
    if (profile && !sameList(v.allergies, profile.allergies ?? [])) {
      try {
        await saveAllergies.mutateAsync(profileWithAllergies(me, v.allergies));
      } catch (error) {
        setAllergyError(error);
        return;
      }
    }
    await create.run(toRequestInput(v));
  };

  const step = REQUEST_STEPS[active]!;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Ask for massage therapy"
        description={
          <>
            Your physician reads this and decides whether massage can help.{" "}
            <Anchor component={Link} to="/quiz">
              Not sure? Take the 2-minute quiz
            </Anchor>
          </>
        }
      />
      <Stepper
        active={active}
        onStepClick={(i) => (i < active ? go(i) : undefined)}
        size="sm"
        visibleFrom="md"
        aria-label="Steps"
      >
        {REQUEST_STEPS.map((s, i) => (
          <Stepper.Step key={s.title} label={s.short} allowStepSelect={i < active} />
        ))}
      </Stepper>
      <Stack gap={6} hiddenFrom="md">
        <Text size="sm" fw={600}>
          Step {active + 1} of {REQUEST_STEPS.length}
        </Text>
        <Progress value={((active + 1) / REQUEST_STEPS.length) * 100} aria-hidden="true" />
      </Stack>

      <Paper
        withBorder
        p={{ base: "md", sm: "lg" }}
        radius="md"
        component="section"
        aria-labelledby="step-heading"
      >
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (active === REVIEW_STEP) void submit();
            else next();
          }}
        >
          <Stack gap="lg" maw={720}>
            <Title
              order={2}
              size="h3"
              id="step-heading"
              ref={headingRef}
              tabIndex={-1}
              style={{ scrollMarginTop: 80 }}
            >
              {step.title}
            </Title>
            {showRestored && restored ? (
              <Alert color="blue" variant="light" title="We kept your unsent request">
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">
                    What you typed on {formatDateTime(restored.savedAt)} is filled in below. It is kept on
                    this device until you send it.
                  </Text>
                  <Group gap="sm">
                    <Button size="sm" variant="default" onClick={() => setShowRestored(false)}>
                      Continue
                    </Button>
                    <Button size="sm" variant="subtle" color="red.9" onClick={startOver}>
                      Start over
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : null}
            {create.alert}
            {allergyError ? (
              <FormError message={errorMessage(allergyError)} title="Could not save your allergies" />
            ) : null}
            {active === 0 ? <PhysicianStep form={form} selected={physician} onSelect={setPhysician} /> : null}
            {active === 1 ? <WhatHurtsStep form={form} /> : null}
            {active === 2 ? <EffectsStep form={form} /> : null}
            {active === 3 ? <HealthStep form={form} /> : null}
            {active === 4 ? <HopesStep form={form} /> : null}
            {active === REVIEW_STEP ? <ReviewStep form={form} physician={physician} onEdit={go} /> : null}
            <Group justify="space-between" gap="sm">
              {active > 0 ? (
                <Button variant="default" size="md" onClick={() => go(active - 1)}>
                  Back
                </Button>
              ) : (
                <span />
              )}
              {active === REVIEW_STEP ? (
                <Button type="submit" size="md" loading={create.pending || saveAllergies.isPending}>
                  Send request
                </Button>
              ) : (
                <Button type="submit" size="md">
                  Next
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>
      <Dialog
        opened={blocker.state === "blocked"}
        onClose={() => blocker.reset?.()}
        title="Leave without sending?"
      >
        <Stack gap="md">
          <Text>Your answers are not sent yet. They stay on this device, so you can finish later.</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" size="md" onClick={() => blocker.proceed?.()}>
              Leave
            </Button>
            <Button size="md" onClick={() => blocker.reset?.()}>
              Stay and finish
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The patient's profile as it is, with the allergies from the health step. */
function profileWithAllergies(me: Me, allergies: string[]): PatientProfileInput {
  const p = me.profile.role === "patient" ? me.profile : null;
  return {
    role: "patient",
    name: me.user.name,
    dateOfBirth: p?.dateOfBirth ?? "",
    state: (p?.state ?? "") as PatientProfileInput["state"],
    phone: p?.phone || undefined,
    medicalConditions: p?.medicalConditions ?? [],
    medications: p?.medications ?? [],
    allergies,
  };
}
