import { AwsClient } from "aws4fetch";

/** What an uploaded file's row holds: the bytes themselves, or nothing (they are in the bucket under its id). */
type StoredBytes = { storedIn: "postgres"; content: Buffer } | { storedIn: "s3"; content: null };

/**
 * Where uploaded bytes live: PostgreSQL (the row's `content` column, the embedded default) or an S3-compatible
 * bucket when the server is configured with one. Only the bytes move: the row with its metadata, the referral and
 * the audit trail stay in the database either way.
 */
export type FileStore = {
  kind: StoredBytes["storedIn"];
  /** Keeps the bytes of file `key` before its row is written; answers what the row holds. */
  put: (key: string, bytes: Uint8Array, mediaType: string) => Promise<StoredBytes>;
  /** The bytes of a row this store wrote. */
  get: (row: { id: string; content: Uint8Array | null }) => Promise<Uint8Array>;
  /** Removes the bytes of a row that was never committed (best effort: an orphan names no one). */
  remove: (key: string) => Promise<void>;
};

/** The default: the bytes go in the row itself, in the same transaction as everything else. */
export const postgresFileStore: FileStore = {
  kind: "postgres",
  put: async (_key, bytes) => ({
    storedIn: "postgres",
    content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  }),
  get: async (row) => {
    if (!row.content) throw new Error("the file's row holds no content");
    return new Uint8Array(row.content);
  },
  remove: async () => {},
};

/**
 * The bytes of a stored file, wherever its row says they are: files kept in PostgreSQL stay readable after a bucket
 * is configured; a file in a bucket the server is no longer configured with is an error, not a silent empty file.
 */
export async function readStoredBytes(
  store: FileStore,
  row: { id: string; storedIn: FileStore["kind"]; content: Uint8Array | null },
): Promise<Uint8Array> {
  if (row.storedIn === "postgres") return postgresFileStore.get(row);
  if (store.kind !== row.storedIn)
    throw new Error("the file is in an S3 bucket and none is configured (S3_*)");
  return store.get(row);
}

export type S3Settings = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph, R2...) addressed path-style (`<endpoint>/<bucket>/<key>`), every
 * request signed with SigV4 by aws4fetch. Objects are private: the bucket is never exposed, the server reads the
 * bytes and sends them to a party of the referral itself.
 */
export function s3FileStore(s: S3Settings): FileStore {
  const client = new AwsClient({
    accessKeyId: s.accessKeyId,
    secretAccessKey: s.secretAccessKey,
    region: s.region,
    service: "s3",
  });
  const objectUrl = (key: string) =>
    `${s.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(s.bucket)}/${encodeURIComponent(key)}`;
  const fail = async (what: string, res: Response): Promise<never> => {
    // The status only: an S3 error body names the bucket and key, which do not belong in logs.
    await res.body?.cancel();
    throw new Error(`file store ${what} failed with HTTP ${res.status}`);
  };
  return {
    kind: "s3",
    async put(key, bytes, mediaType) {
      const res = await client.fetch(objectUrl(key), {
        method: "PUT",
        body: bytes as Uint8Array<ArrayBuffer>,
        headers: { "content-type": mediaType, "content-length": String(bytes.byteLength) },
      });
      if (!res.ok) await fail("put", res);
      await res.body?.cancel();
      return { storedIn: "s3", content: null };
    },
    async get(row) {
      const res = await client.fetch(objectUrl(row.id));
      if (!res.ok) return fail("get", res);
      return new Uint8Array(await res.arrayBuffer());
    },
    async remove(key) {
      const res = await client.fetch(objectUrl(key), { method: "DELETE" });
      await res.body?.cancel();
    },
  };
}
