import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { PORTAL_PATH, type SignupRole } from "@mm/domain";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { zodValidate } from "../forms/validation";
import { FormError } from "../states";
import { authClient } from "./client";
import { type AuthClientError, authErrorView } from "./errors";
import { AuthLayout } from "./pages";
import {
  type ForgotPasswordValues,
  forgotPasswordSchema,
  type ResetPasswordValues,
  resetPasswordSchema,
} from "./schemas";

/** Asks for a reset link by email. Says the same whether or not the address has an account. */
export function ForgotPasswordPage({ role }: { role: SignupRole }) {
  const [sent, setSent] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ForgotPasswordValues>({
    mode: "uncontrolled",
    initialValues: { email: "" },
    validate: zodValidate(forgotPasswordSchema),
  });
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const { error } = await authClient.requestPasswordReset({
      email: values.email.trim(),
      redirectTo: `${PORTAL_PATH[role]}reset-password`,
    });
    if (error) {
      setFormError(authErrorView(error as AuthClientError).message);
      return;
    }
    setSent(true);
  });
  return (
    <AuthLayout role={role} title="Forgot your password?">
      {sent ? (
        <Stack>
          <Alert color="green" variant="light" role="status" title="Check your email">
            If an account uses that address, we sent it a link to choose a new password. The link works once,
            for an hour.
          </Alert>
          <Anchor component={Link} to="/sign-in" size="sm">
            Back to sign in
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormError message={formError} title="Could not send the link" />
            <Text size="sm">
              Type the email address of your account and we will email you a link to reset it.
            </Text>
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              key={form.key("email")}
              {...form.getInputProps("email")}
            />
            <Button type="submit" loading={form.submitting} fullWidth>
              Email me a reset link
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm">
              Back to sign in
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

/** Where the emailed link lands (better-auth adds `?token=`, or `?error=INVALID_TOKEN` for a spent link). */
export function ResetPasswordPage({ role }: { role: SignupRole }) {
  const [params] = useSearchParams();
  const token = params.get("token");
  const [done, setDone] = useState(false);
  const [formError, setFormError] = useState<string | null>(
    token ? null : "This link has expired or was already used. Ask for a new one.",
  );
  const form = useForm<ResetPasswordValues>({
    mode: "uncontrolled",
    initialValues: { password: "", confirmPassword: "" },
    validate: zodValidate(resetPasswordSchema),
  });
  const submit = form.onSubmit(async (values) => {
    if (!token) return;
    setFormError(null);
    const { error } = await authClient.resetPassword({ newPassword: values.password, token });
    if (error) {
      const view = authErrorView(error as AuthClientError);
      if (view.field === "password") form.setFieldError("password", view.message);
      else setFormError(view.message);
      return;
    }
    setDone(true);
  });
  return (
    <AuthLayout role={role} title="Choose a new password">
      {done ? (
        <Stack>
          <Alert color="green" variant="light" role="status" title="Password changed">
            Your password was changed and every session of your account was signed out.
          </Alert>
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormError message={formError} title="Could not reset the password" />
            <PasswordInput
              label="New password"
              description="At least 10 characters"
              autoComplete="new-password"
              required
              disabled={!token}
              key={form.key("password")}
              {...form.getInputProps("password")}
            />
            <PasswordInput
              label="Confirm new password"
              autoComplete="new-password"
              required
              disabled={!token}
              key={form.key("confirmPassword")}
              {...form.getInputProps("confirmPassword")}
            />
            <Button type="submit" loading={form.submitting} disabled={!token} fullWidth>
              Set new password
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Ask for a new link
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
