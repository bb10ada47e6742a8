// Imported first by every entry point (server, seed, admin) so an older Node stops with one line, not a stack trace
// from whichever dependency first uses a newer API. `pnpm start` / `pnpm seed` already run on the Node 24 that
// `pnpm install` brings (the root devDependency `node`); this catches running a file with the system's node.
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split(".")[0]);
if (major < REQUIRED_MAJOR) {
  console.error(
    `Prescribed Massage needs Node.js ${REQUIRED_MAJOR} or newer (this is ${process.version}): run it through pnpm (\`pnpm start\`, which uses the Node ${REQUIRED_MAJOR} that \`pnpm install\` brings), or install Node ${REQUIRED_MAJOR} with \`npm i -g node@${REQUIRED_MAJOR}\`.`,
  );
  process.exit(1);
}
