import { vitestPreset } from "@mm/vitest-config";

export default vitestPreset();
