export {
  type AccountMail,
  type Auth,
  type AuthOptions,
  type AuthSession,
  CLIENT_IP_HEADER,
  createAuth,
} from "./server";
export { forgetSession, readSession, SESSION_MEMO_TTL_MS } from "./session-reader";
export { importTotpSecret } from "./two-factor-import";
