/** What better-auth's client returns as `error`. */
export type AuthClientError = { status?: number; code?: string; message?: string; statusText?: string };

export type AuthErrorView = { field?: "email" | "password" | "name"; message: string };

/** Turns a better-auth error into plain words, and the field it belongs under when it has one. */
export function authErrorView(error: AuthClientError): AuthErrorView {
  if (error.status === 429) return { message: "Too many attempts, wait a minute" };
  switch (error.code) {
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return { field: "email", message: "An account with this email already exists" };
    case "INVALID_EMAIL_OR_PASSWORD":
      return { message: "Email or password is incorrect" };
    case "INVALID_EMAIL":
      return { field: "email", message: "Enter a valid email address" };
    case "PASSWORD_TOO_SHORT":
      return { field: "password", message: "Password must be at least 10 characters" };
    case "PASSWORD_TOO_LONG":
      return { field: "password", message: "Password must be at most 128 characters" };
    case "INVALID_CODE":
    case "INVALID_TWO_FACTOR_CODE":
      return { message: "That code is not right. Codes change every 30 seconds: try the current one." };
    case "INVALID_TOKEN":
      return { message: "This link has expired or was already used. Ask for a new one." };
  }
  if (error.status === 401) return { message: "Email or password is incorrect" };
  if (!error.status) return { message: "Could not reach the server. Check your connection and try again." };
  if (error.status >= 500) return { message: "Something went wrong on our side. Please try again." };
  return { message: error.message || error.statusText || "Something went wrong. Please try again." };
}
