import { uploadedFile } from "@mm/db";
import { testDbTargets } from "@mm/db/testing";
import { AwsClient } from "aws4fetch";
import { eq, sql } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext, type SessionUser } from "../context";
import { episodeIn, type Parties } from "../testing/episode";
import { therapistProfileInput } from "../testing/referral-fixtures";
import { startS3Server } from "../testing/s3-server";
import { createTestApi, SAMPLE, type TestApi } from "../testing/test-support";
import { fileDownload, fileUpload } from "./downloads";
import { type FileStore, postgresFileStore, s3FileStore } from "./file-store";
import { recordZip } from "./record-zip";

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const PDF = new TextEncoder().encode("%PDF-1.4\n%imaging report\n1 0 obj\n<<>>\nendobj\n");

/**
 * Uploads' bytes in PostgreSQL (the default) or in an S3-compatible bucket: a real S3 server (s3rver) started by
 * the test, the same upload and download paths, the same parties-only rule and audit trail.
 */
describe.each(testDbTargets())("file stores on %s", (target) => {
  let api: TestApi;
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  let bucket: FileStore;
  const p = {} as Parties;
  let outsider: Awaited<ReturnType<TestApi["member"]>>;
  let referralId: string;

  beforeAll(async () => {
    [api, s3] = await Promise.all([createTestApi(target), startS3Server()]);
    bucket = s3FileStore(s3.settings);
    p.physician = await api.member(SAMPLE.physician("Dr. Sam Store"));
    p.therapist = await api.member(therapistProfileInput("Tara Store"));
    p.patient = await api.member(SAMPLE.patient("Pia Store"));
    outsider = await api.member(SAMPLE.patient("Otto Outsider"));
    ({ referralId } = await episodeIn(p, "requested"));
  });
  afterAll(async () => {
    await api?.close();
    await s3?.close();
  });

  /** The request context of a member, with the server configured for `store`. */
  async function ctxOf(m: { cookie: string }, store?: FileStore) {
    const ctx = await createContext({ ...api.deps, fileStore: store }, new Headers({ cookie: m.cookie }));
    return { ...ctx, user: ctx.user as SessionUser };
  }
  const rowOf = async (id: string) =>
    (await api.db.select().from(uploadedFile).where(eq(uploadedFile.id, id)))[0]!;
  const upload = async (
    who: { cookie: string },
    store: FileStore | undefined,
    name: string,
    bytes: Uint8Array,
  ) => fileUpload(await ctxOf(who, store), { referralId, file: { name, bytes } });

  it("keeps the bytes in the row by default", async () => {
    const { fileId } = await upload(p.patient, undefined, "card.png", PNG);
    const row = await rowOf(fileId);
    expect(row.storedIn).toBe("postgres");
    expect([...new Uint8Array(row.content!)]).toEqual([...PNG]);
    const out = await fileDownload(await ctxOf(p.physician), fileId);
    expect([...out.bytes]).toEqual([...PNG]);
    expect(await postgresFileStore.get({ id: fileId, content: row.content })).toEqual(PNG);
  });

  it("puts the bytes in the bucket when one is configured, and serves them only to the parties", async () => {
    const { fileId, referral } = await upload(p.physician, bucket, "MRI report", PDF);
    expect(referral.id).toBe(referralId);
    const row = await rowOf(fileId);
    expect(row).toMatchObject({ storedIn: "s3", content: null, mediaType: "application/pdf" });
    // In the bucket under the file's id: read straight from the S3 server.
    expect(await bucket.get({ id: fileId, content: null })).toEqual(PDF);
    const out = await fileDownload(await ctxOf(p.patient, bucket), fileId);
    expect(out).toMatchObject({ filename: "MRI report.pdf", contentType: "application/pdf" });
    expect([...out.bytes]).toEqual([...PDF]);
    await expect(fileDownload(await ctxOf(outsider, bucket), fileId)).rejects.toMatchObject({
      kind: "not_found",
    });
    // The whole-record zip reads each file from where it is: the row or the bucket.
    const zip = unzipSync(
      (await recordZip(await ctxOf(p.patient, bucket), p.patient.user.id, "http://x")).bytes,
    );
    const files = Object.entries(zip).filter(([name]) => name.startsWith("files/"));
    expect(
      files.map(([name, bytes]) => [name.replace(/^files\/[0-9a-f]{8}-/, ""), [...bytes]]).sort(),
    ).toEqual(
      [
        ["MRI report.pdf", [...PDF]],
        ["card.png", [...PNG]],
      ].sort(),
    );
  });

  it("writes no object for an outsider, and removes the object of an upload that did not commit", async () => {
    const before = await listKeys();
    await expect(upload(outsider, bucket, "x.png", PNG)).rejects.toMatchObject({ kind: "not_found" });
    expect(await listKeys()).toEqual(before);
    // A referral deleted between the party check and the lock: the change fails, the object is taken back.
    const { referralId: doomed } = await episodeIn(p, "requested");
    const store: FileStore = {
      ...bucket,
      put: async (key, bytes, mediaType) => {
        const kept = await bucket.put(key, bytes, mediaType);
        await api.db.execute(sql`delete from referral where id = ${doomed}`);
        return kept;
      },
    };
    await expect(
      fileUpload(await ctxOf(p.patient, store), { referralId: doomed, file: { name: "y.png", bytes: PNG } }),
    ).rejects.toMatchObject({ kind: "not_found" });
    expect(await listKeys()).toEqual(before);
  });

  it("still serves database-stored files with a bucket configured, and refuses to lose a bucket file silently", async () => {
    const { fileId: inRow } = await upload(p.patient, undefined, "old.png", PNG);
    expect([...(await fileDownload(await ctxOf(p.patient, bucket), inRow)).bytes]).toEqual([...PNG]);
    const { fileId: inBucket } = await upload(p.patient, bucket, "new.png", PNG);
    await expect(fileDownload(await ctxOf(p.patient), inBucket)).rejects.toThrow(/S3 bucket/);
  });

  it("lets no row claim one place and hold its bytes in the other", async () => {
    const { fileId } = await upload(p.patient, undefined, "z.png", PNG);
    await expect(
      api.db.execute(sql`update uploaded_file set stored_in = 's3' where id = ${fileId}`),
    ).rejects.toThrow();
    await expect(
      api.db.execute(sql`update uploaded_file set content = null where id = ${fileId}`),
    ).rejects.toThrow();
  });

  it("reports a bucket error by its status, never silently", async () => {
    const wrongBucket = s3FileStore({ ...s3.settings, bucket: "no-such-bucket" });
    await expect(upload(p.patient, wrongBucket, "a.png", PNG)).rejects.toThrow(
      /file store put failed with HTTP 404/,
    );
  });

  /** The keys in the test bucket (ListObjectsV2 straight from the S3 server). */
  async function listKeys(): Promise<string[]> {
    const client = new AwsClient({ ...s3.settings, service: "s3" });
    const res = await client.fetch(`${s3.settings.endpoint}/${s3.settings.bucket}?list-type=2`);
    return [...(await res.text()).matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]!).sort();
  }
});
