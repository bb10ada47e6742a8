import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The embedded database (PGlite) must be opened by one process at a time. The server records its pid in the data
 * dir; the seed and operator CLI refuse to open the same dir while that process is alive.
 */
const lockFile = (dataDir: string) => join(dataDir, "server.pid");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function holderPid(dataDir: string): number | null {
  const file = lockFile(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid !== process.pid && alive(pid) ? pid : null;
}

export function acquireLock(dataDir: string): void {
  const holder = holderPid(dataDir);
  if (holder) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${holder} (a running server). Stop it first.`,
    );
  }
  writeFileSync(lockFile(dataDir), String(process.pid));
}

export function releaseLock(dataDir: string): void {
  const file = lockFile(dataDir);
  if (existsSync(file) && readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file);
}
