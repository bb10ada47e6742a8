import {
  Anchor,
  Button,
  Container,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { PORTAL_PATH, SIGNUP_ROLES, type SignupRole } from "@mm/domain";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { browserTimeZone } from "../forms/browser-time-zone";
import { zodValidate } from "../forms/validation";
import { useMeQuery } from "../me";
import { PORTAL_TITLE, PRODUCT_NAME } from "../roles";
import { FormError } from "../states";
import { authClient } from "./client";
import { type AuthClientError, authErrorView } from "./errors";
import {
  type SignInValues,
  type SignUpValues,
  signInSchema,
  signUpSchema,
  type TotpCodeValues,
  totpCodeSchema,
} from "./schemas";

export function AuthLayout({
  role,
  title,
  children,
}: {
  role: SignupRole;
  title: string;
  children: ReactNode;
}) {
  const others = SIGNUP_ROLES.filter((r) => r !== role);
  return (
    <main id="main-content" className="mm-auth-main">
      <title>{`${title} · ${PORTAL_TITLE[role]} · ${PRODUCT_NAME}`}</title>
      <Container size={440} py={48}>
        <Stack gap="lg">
          <Stack gap={4}>
            <Text fw={700} c="blue.8">
              {PRODUCT_NAME} · {PORTAL_TITLE[role]}
            </Text>
            <Title order={1}>{title}</Title>
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            {children}
          </Paper>
          <Text size="sm" c="dimmed">
            Not a {role}? Go to the{" "}
            {others.map((r, i) => (
              <span key={r}>
                {i > 0 ? " or the " : null}
                <Anchor href={PORTAL_PATH[r]}>{PORTAL_TITLE[r].toLowerCase()}</Anchor>
              </span>
            ))}
            .
          </Text>
        </Stack>
      </Container>
    </main>
  );
}

/** A path inside this portal to return to after signing in (never an outside URL). */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") ? from : "/";
}

/** Already signed in: go home (the route guard tells people of another role which portal is theirs). */
function useAlreadySignedIn(): boolean {
  const me = useMeQuery();
  return me.isSuccess;
}

export function SignInPage({ role }: { role: SignupRole }) {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  // Accounts with two-factor sign-in answer the password with a second step: a code from the authenticator app.
  const [needsCode, setNeedsCode] = useState(false);
  const form = useForm<SignInValues>({
    mode: "uncontrolled",
    initialValues: { email: "", password: "" },
    validate: zodValidate(signInSchema),
  });
  const signedIn = useAlreadySignedIn();
  if (signedIn && !form.submitting) return <Navigate to={returnPath(location.state)} replace />;

  const done = () => {
    queryClient.removeQueries();
    navigate(returnPath(location.state), { replace: true });
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const { data, error } = await authClient.signIn.email({
      email: values.email.trim(),
      password: values.password,
    });
    if (error) {
      const view = authErrorView(error as AuthClientError);
      if (view.field === "email" || view.field === "password") form.setFieldError(view.field, view.message);
      else setFormError(view.message);
      return;
    }
    if ((data as { twoFactorRedirect?: boolean } | null)?.twoFactorRedirect) {
      setNeedsCode(true);
      return;
    }
    done();
  });

  if (needsCode) {
    return (
      <AuthLayout role={role} title="Two-factor sign-in">
        <TotpStep onDone={done} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout role={role} title="Sign in">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={formError} title="Could not sign in" />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            key={form.key("email")}
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            key={form.key("password")}
            {...form.getInputProps("password")}
          />
          <Button type="submit" loading={form.submitting} fullWidth>
            Sign in
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot your password?
          </Anchor>
          <Text size="sm">
            New here?{" "}
            <Anchor component={Link} to="/sign-up" state={location.state}>
              Create an account
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}

function TotpStep({ onDone }: { onDone: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TotpCodeValues>({
    mode: "uncontrolled",
    initialValues: { code: "" },
    validate: zodValidate(totpCodeSchema),
  });
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const { error } = await authClient.twoFactor.verifyTotp({ code: values.code.trim() });
    if (error) {
      setFormError(authErrorView(error as AuthClientError).message);
      return;
    }
    onDone();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={formError} title="Could not sign in" />
        <Text size="sm">
          Open your authenticator app and type the 6-digit code it shows for Prescribed Massage.
        </Text>
        <TextInput
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          key={form.key("code")}
          {...form.getInputProps("code")}
        />
        <Button type="submit" loading={form.submitting} fullWidth>
          Verify
        </Button>
      </Stack>
    </form>
  );
}

const SIGN_UP_NOTE: Record<SignupRole, string | null> = {
  patient: null,
  physician:
    "Our team checks your NPI and license before you can sign prescriptions. You can fill in your profile meanwhile.",
  therapist:
    "Our team checks your license before you can accept referrals. You can fill in your profile meanwhile.",
};

export function SignUpPage({ role }: { role: SignupRole }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SignUpValues>({
    mode: "uncontrolled",
    initialValues: { name: "", email: "", password: "", confirmPassword: "" },
    validate: zodValidate(signUpSchema),
  });
  const signedIn = useAlreadySignedIn();
  if (signedIn && !form.submitting) return <Navigate to="/" replace />;

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const { error: signUpError } = await authClient.signUp.email({
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
      role,
      // The person's clinical days are days where they live; the server stores UTC for anything it does not know.
      timeZone: browserTimeZone(),
      // Where the emailed confirmation link lands once it has verified the address.
      callbackURL: PORTAL_PATH[role],
    });
    if (!signUpError) {
      // Sign-up answers alike for new and registered emails (no auto sign-in), so sign in right after. A refusal
      // here means the email already had an account with another password: said without confirming it.
      const { error: signInError } = await authClient.signIn.email({
        email: values.email.trim(),
        password: values.password,
      });
      if (signInError) {
        setFormError(
          signInError.status === 429
            ? authErrorView(signInError as AuthClientError).message
            : "We could not sign you in with this email and password. If you already have an account, sign in instead.",
        );
        return;
      }
    }
    const error = signUpError;
    if (error) {
      const view = authErrorView(error as AuthClientError);
      if (view.field) form.setFieldError(view.field, view.message);
      else setFormError(view.message);
      return;
    }
    queryClient.removeQueries();
    navigate("/", { replace: true });
  });

  const note = SIGN_UP_NOTE[role];
  return (
    <AuthLayout role={role} title="Create your account">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={formError} title="Could not create the account" />
          {note ? (
            <Text size="sm" c="dimmed">
              {note}
            </Text>
          ) : null}
          <TextInput
            label="Full name"
            autoComplete="name"
            required
            key={form.key("name")}
            {...form.getInputProps("name")}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            key={form.key("email")}
            {...form.getInputProps("email")}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            key={form.key("password")}
            {...form.getInputProps("password")}
          />
          <PasswordInput
            label="Confirm password"
            autoComplete="new-password"
            required
            key={form.key("confirmPassword")}
            {...form.getInputProps("confirmPassword")}
          />
          <Button type="submit" loading={form.submitting} fullWidth>
            Create account
          </Button>
          <Group gap={4}>
            <Text size="sm">Already have an account?</Text>
            <Anchor component={Link} to="/sign-in" size="sm">
              Sign in
            </Anchor>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
