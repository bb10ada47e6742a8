import { vitestPreset } from "@mm/vitest-config";

export default vitestPreset({ testTimeout: 60_000 });
