export { type Auth, type AuthOptions, type AuthSession, CLIENT_IP_HEADER, createAuth } from "./server";
