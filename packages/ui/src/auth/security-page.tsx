import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { PORTAL_PATH, type SignupRole } from "@mm/domain";
import { type ReactNode, useState } from "react";
import { zodValidate } from "../forms/validation";
import { ErrorState, FormError, LoadingState } from "../states";
import { authClient } from "./client";
import { type AuthClientError, authErrorView } from "./errors";
import {
  type ChangePasswordValues,
  changePasswordSchema,
  type TotpCodeValues,
  totpCodeSchema,
} from "./schemas";

const errorText = (error: unknown) => authErrorView(error as AuthClientError).message;

/** Account security for every portal: email confirmation, password change, two-factor sign-in. */
export function SecurityPage({ role }: { role: SignupRole }) {
  const session = authClient.useSession();
  if (session.isPending) return <LoadingState label="Loading account security" />;
  if (session.error || !session.data)
    return (
      <ErrorState
        error={session.error}
        title="Could not load your account"
        onRetry={() => session.refetch()}
      />
    );
  const user = session.data.user as typeof session.data.user & { twoFactorEnabled?: boolean | null };
  return (
    <Stack gap="lg">
      <title>Security · Prescribed Massage</title>
      <Title order={1}>Security</Title>
      <EmailSection role={role} email={user.email} verified={user.emailVerified} />
      <ChangePasswordSection />
      <TwoFactorSection
        role={role}
        enabled={Boolean(user.twoFactorEnabled)}
        onChange={() => session.refetch()}
      />
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Stack>
        <Title order={2} size="h3">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function EmailSection({ role, email, verified }: { role: SignupRole; email: string; verified: boolean }) {
  const [state, setState] = useState<"idle" | "sending" | "sent">("idle");
  const [error, setError] = useState<string | null>(null);
  const resend = async () => {
    setState("sending");
    setError(null);
    const { error: e } = await authClient.sendVerificationEmail({ email, callbackURL: PORTAL_PATH[role] });
    if (e) {
      setError(errorText(e));
      setState("idle");
    } else setState("sent");
  };
  return (
    <Section title="Email address">
      <Group>
        <Text>{email}</Text>
        {verified ? (
          <Badge variant="light" color="gray">
            Confirmed
          </Badge>
        ) : (
          <Badge variant="light" color="gray">
            Not confirmed
          </Badge>
        )}
      </Group>
      {verified ? null : (
        <>
          <Text size="sm">We sent a confirmation link when you signed up. Lost it? We can send another.</Text>
          <FormError message={error} title="Could not send the email" />
          {state === "sent" ? (
            <Alert color="green" variant="light" role="status">
              Sent. Open the link in the email to confirm your address.
            </Alert>
          ) : (
            <Button variant="light" onClick={resend} loading={state === "sending"} w="fit-content">
              Send the confirmation email again
            </Button>
          )}
        </>
      )}
    </Section>
  );
}

function ChangePasswordSection() {
  const [formError, setFormError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const form = useForm<ChangePasswordValues>({
    mode: "uncontrolled",
    initialValues: { currentPassword: "", password: "", confirmPassword: "" },
    validate: zodValidate(changePasswordSchema),
  });
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setChanged(false);
    const { error } = await authClient.changePassword({
      currentPassword: values.currentPassword,
      newPassword: values.password,
      // A new password ends every other session: whoever knew the old one is signed out.
      revokeOtherSessions: true,
    });
    if (error) {
      const view = authErrorView(error as AuthClientError);
      if (view.field === "password") form.setFieldError("password", view.message);
      else if ((error as AuthClientError).code === "INVALID_PASSWORD")
        form.setFieldError("currentPassword", "Current password is incorrect");
      else setFormError(view.message);
      return;
    }
    form.reset();
    setChanged(true);
  });
  return (
    <Section title="Password">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={formError} title="Could not change the password" />
          {changed ? (
            <Alert color="green" variant="light" role="status">
              Password changed. Your other sessions were signed out.
            </Alert>
          ) : null}
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            key={form.key("currentPassword")}
            {...form.getInputProps("currentPassword")}
          />
          <PasswordInput
            label="New password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            key={form.key("password")}
            {...form.getInputProps("password")}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            required
            key={form.key("confirmPassword")}
            {...form.getInputProps("confirmPassword")}
          />
          <Button type="submit" loading={form.submitting} w="fit-content">
            Change password
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

type Enrolment = { secret: string; uri: string; backupCodes: string[] };

function TwoFactorSection({
  role,
  enabled,
  onChange,
}: {
  role: SignupRole;
  enabled: boolean;
  onChange: () => void;
}) {
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const codeForm = useForm<TotpCodeValues>({
    mode: "uncontrolled",
    initialValues: { code: "" },
    validate: zodValidate(totpCodeSchema),
  });

  const start = async () => {
    setBusy(true);
    setError(null);
    const { data, error: e } = await authClient.twoFactor.enable({ password });
    setBusy(false);
    if (e || !data || !("totpURI" in data)) return setError(e ? errorText(e) : "Could not start");
    setPassword("");
    const uri = data.totpURI;
    setEnrolment({
      uri,
      secret: new URL(uri).searchParams.get("secret") ?? "",
      backupCodes: data.backupCodes,
    });
  };
  const confirm = codeForm.onSubmit(async ({ code }) => {
    setError(null);
    const { error: e } = await authClient.twoFactor.verifyTotp({ code: code.trim() });
    if (e) return setError(errorText(e));
    setEnrolment(null);
    codeForm.reset();
    onChange();
  });
  const turnOff = async () => {
    setBusy(true);
    setError(null);
    const { error: e } = await authClient.twoFactor.disable({ password });
    setBusy(false);
    if (e) return setError(errorText(e));
    setPassword("");
    onChange();
  };

  return (
    <Section title="Two-factor sign-in">
      <Group>
        <Text>A code from an authenticator app, asked after your password.</Text>
        {enabled ? (
          <Badge variant="light" color="gray">
            On
          </Badge>
        ) : (
          <Badge variant="light" color="gray">
            Off
          </Badge>
        )}
      </Group>
      {role === "physician" && !enabled ? (
        <Alert color="yellow" variant="light">
          Physicians need two-factor sign-in to sign or renew prescriptions.
        </Alert>
      ) : null}
      <FormError message={error} title="Two-factor sign-in" />
      {enrolment ? (
        <form onSubmit={confirm} noValidate>
          <Stack>
            <Text size="sm">
              In your authenticator app, add an account with this key (or open the link on your phone), then
              type the code it shows.
            </Text>
            <Text size="sm">
              Key: <Code aria-label="Two-factor key">{enrolment.secret}</Code>
            </Text>
            <Text size="sm">
              <a href={enrolment.uri}>Open in an authenticator app</a>
            </Text>
            <Text size="sm" fw={600}>
              Backup codes (each works once if you lose your phone; keep them somewhere safe):
            </Text>
            <List size="sm" aria-label="Backup codes">
              {enrolment.backupCodes.map((c) => (
                <List.Item key={c}>
                  <Code>{c}</Code>
                </List.Item>
              ))}
            </List>
            <TextInput
              label="Authentication code"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              key={codeForm.key("code")}
              {...codeForm.getInputProps("code")}
            />
            <Button type="submit" loading={codeForm.submitting} w="fit-content">
              Turn on two-factor sign-in
            </Button>
          </Stack>
        </form>
      ) : (
        <Stack>
          <PasswordInput
            label="Password"
            description={
              enabled ? "Needed to turn two-factor sign-in off" : "Needed to set up two-factor sign-in"
            }
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {enabled ? (
            <Button
              color="red"
              variant="light"
              onClick={turnOff}
              loading={busy}
              disabled={!password}
              w="fit-content"
            >
              Turn off two-factor sign-in
            </Button>
          ) : (
            <Button onClick={start} loading={busy} disabled={!password} w="fit-content">
              Set up two-factor sign-in
            </Button>
          )}
        </Stack>
      )}
    </Section>
  );
}
