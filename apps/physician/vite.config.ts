import { portalViteConfig } from "@mm/vite-config";

export default portalViteConfig({ role: "physician", port: 5174 });
