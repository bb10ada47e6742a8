// zod/mini: the same zod 4 with functions instead of methods, so a bundle holds only what these schemas use.
// The sign-in page is the first screen most people load; classic zod would add about 20 KB (brotli) to it.
import { z } from "zod/mini";

/** Same limits as the server's better-auth config (emailAndPassword: 10..128 characters). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const email = z.pipe(
  z.string().check(z.trim(), z.minLength(1, "Email is required")),
  z.email("Enter a valid email address"),
);

const newPassword = z
  .string()
  .check(
    z.minLength(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`),
    z.maxLength(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`),
  );
const typedAgain = z.string().check(z.minLength(1, "Type the password again"));
const passwordsMatch = z.refine<{ password: string; confirmPassword: string }>(
  (v) => v.password === v.confirmPassword,
  { path: ["confirmPassword"], message: "The two passwords do not match" },
);

export const signInSchema = z.object({
  email,
  password: z.string().check(z.minLength(1, "Password is required")),
});

export const signUpSchema = z
  .object({
    name: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, "Name is required"),
        z.maxLength(120, "Name must be at most 120 characters"),
      ),
    email,
    password: newPassword,
    confirmPassword: typedAgain,
  })
  .check(passwordsMatch);

export type SignInValues = z.input<typeof signInSchema>;
export type SignUpValues = z.input<typeof signUpSchema>;

export const totpCodeSchema = z.object({
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app")),
});
export type TotpCodeValues = z.input<typeof totpCodeSchema>;

export const forgotPasswordSchema = z.object({ email });
export type ForgotPasswordValues = z.input<typeof forgotPasswordSchema>;

export const resetPasswordSchema = z
  .object({ password: newPassword, confirmPassword: typedAgain })
  .check(passwordsMatch);
export type ResetPasswordValues = z.input<typeof resetPasswordSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().check(z.minLength(1, "Current password is required")),
    password: newPassword,
    confirmPassword: typedAgain,
  })
  .check(passwordsMatch);
export type ChangePasswordValues = z.input<typeof changePasswordSchema>;
