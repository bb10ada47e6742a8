/**
 * Test support for other packages (the e2e journeys that need the server's clock): the real app on a real socket
 * over a fresh database, its portals, and parties built over HTTP. Never imported by the server itself.
 */
export { seedDemo } from "./cli/seed-demo";
export { portalDistDirs } from "./portals";
export { httpClient } from "./routes/http-episode";
export { startTestServer } from "./test-server";
