export {
  type AccountMail,
  type Auth,
  type AuthOptions,
  type AuthSession,
  CLIENT_IP_HEADER,
  createAuth,
} from "./server";
export {
  endSession,
  forgetSession,
  listenForRevocations,
  readSession,
  SESSION_MEMO_TTL_MS,
  SESSION_REVOKED_CHANNEL,
  watchSession,
} from "./session-reader";
export { importTotpSecret } from "./two-factor-import";
