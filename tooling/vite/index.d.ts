import type { UserConfig } from "vite";
export declare function portalViteConfig(options: {
  role: "patient" | "physician" | "therapist";
  port: number;
}): UserConfig;
