import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used: migrations are committed and applied by createDb() at start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
});
