import { Anchor, Button, Group, Paper, Progress, Stack, Stepper, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useWindowEvent } from "@mantine/hooks";
import { FormError, notify, PageHeader, serverFieldErrors, useMe, useTRPC } from "@mm/ui";
import { applyServerErrors } from "@mm/ui/forms";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useBlocker, useNavigate } from "react-router";
import { Dialog } from "../components/dialog";
import {
  errorsForStep,
  foldErrors,
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
import { useRefreshReferrals } from "../lib/referral-queries";

export default function NewReferralPage() {
  const me = useMe();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const refresh = useRefreshReferrals();
  const [active, setActive] = useState(0);
  const [physician, setPhysician] = useState<Physician | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const form = useForm<RequestValues>({
    mode: "controlled",
    initialValues: initialRequestValues(me),
    validate: validateRequest,
  });
  const create = useMutation(trpc.referral.create.mutationOptions());
  // Leaving half-way loses what was typed: ask first (not after sending, and not within this page).
  const sent = useRef(false);
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

  const submit = () => {
    if (create.isPending) return;
    setFormError(null);
    const result = form.validate();
    if (result.hasErrors) {
      const first = Object.keys(result.errors)[0];
      if (first) go(stepOfField(first));
      return;
    }
    create.mutate(toRequestInput(form.getValues()), {
      onSuccess: async ({ referral }) => {
        notify({
          color: "teal",
          title: "Request sent",
          message: `${physician?.name ?? "Your physician"} will review it. You'll see their answer here.`,
        });
        sent.current = true;
        await refresh();
        navigate(`/referrals/${referral.id}`);
      },
      onError: (error) => {
        setFormError(applyServerErrors(form, error));
        const fieldErrors = foldErrors(serverFieldErrors(error) ?? {});
        if (Object.keys(fieldErrors).length > 0) {
          form.setErrors(fieldErrors);
          go(stepOfField(Object.keys(fieldErrors)[0]!));
        }
      },
    });
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
            if (active === REVIEW_STEP) submit();
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
            <FormError message={formError} title="Could not send your request" />
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
                <Button type="submit" size="md" loading={create.isPending}>
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
          <Text>Your answers are not sent yet. If you leave now, they are lost.</Text>
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
