export * from "./errors";
export * from "./npi";
export * from "./profile";
export * from "./roles";
export * from "./us-states";
