export * from "./auth";
export * from "./care-plan";
export * from "./coverage";
export * from "./documents";
export * from "./events";
export * from "./profiles";
export * from "./referral";
export * from "./treatment";
