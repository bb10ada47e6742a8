import { portalViteConfig } from "@mm/vite-config";

export default portalViteConfig({ role: "patient", port: 5173 });
