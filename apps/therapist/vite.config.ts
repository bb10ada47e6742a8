import { portalViteConfig } from "@mm/vite-config";

export default portalViteConfig({ role: "therapist", port: 5175 });
