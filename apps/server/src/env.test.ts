import { describe, expect, it } from "vitest";
import { envErrors, loadEnv, s3Settings } from "./env";

const S3 = {
  S3_ENDPOINT: "http://127.0.0.1:9000",
  S3_BUCKET: "uploads",
  S3_ACCESS_KEY_ID: "key-id",
  S3_SECRET_ACCESS_KEY: "secret",
};

describe("S3 settings for uploads", () => {
  it("keeps uploads in the database when none is set", () => {
    expect(envErrors({})).toEqual([]);
    expect(s3Settings(loadEnv({}))).toBeUndefined();
  });
  it("uses the bucket when all four are set, in us-east-1 unless S3_REGION says otherwise", () => {
    expect(s3Settings(loadEnv(S3))).toEqual({
      endpoint: "http://127.0.0.1:9000",
      bucket: "uploads",
      region: "us-east-1",
      accessKeyId: "key-id",
      secretAccessKey: "secret",
    });
    expect(s3Settings(loadEnv({ ...S3, S3_REGION: "eu-west-3" }))?.region).toBe("eu-west-3");
  });
  it("names every missing setting when only some are set, and a malformed endpoint", () => {
    expect(envErrors({ S3_BUCKET: "uploads" })).toEqual([
      expect.stringMatching(/^S3_ENDPOINT: is required with the other S3 settings/),
      expect.stringMatching(/^S3_ACCESS_KEY_ID: is required/),
      expect.stringMatching(/^S3_SECRET_ACCESS_KEY: is required/),
    ]);
    expect(envErrors({ ...S3, S3_ENDPOINT: "minio:9000" })).toEqual([
      expect.stringMatching(/^S3_ENDPOINT: must be an http\(s\) URL/),
    ]);
  });
});
