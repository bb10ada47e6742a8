import type { UserConfig } from "vitest/config";
export declare function vitestPreset(options?: { testTimeout?: number }): UserConfig;
