import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "../documents/file-store";

/**
 * A real S3-compatible server (s3rver, objects on disk in a temporary folder) with one bucket, for tests of the
 * bucket file store. s3rver's fixed credentials are S3RVER / S3RVER.
 */
export async function startS3Server(bucket = "uploads") {
  const directory = mkdtempSync(join(tmpdir(), "mm-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const settings: S3Settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
  };
  return {
    settings,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
