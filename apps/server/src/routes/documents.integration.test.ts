import { testDbTargets } from "@mm/db/testing";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../test-server";
import { httpClient } from "./http-episode";

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The document routes over HTTP: cookie session, parties only (404 otherwise), no-store, attachment. */
describe.each(testDbTargets())("document routes on %s", (target) => {
  let s: Server;
  let h: ReturnType<typeof httpClient>;
  let p: Awaited<ReturnType<ReturnType<typeof httpClient>["parties"]>>;
  let ep: { referralId: string; prescriptionId: string };

  beforeAll(async () => {
    s = await startTestServer(target, { signInLimit: 50 });
    h = httpClient(s);
    p = await h.parties();
    ep = await h.prescribed(p);
  });
  afterAll(async () => s?.close());

  it("sends the prescription PDF to its parties as a no-store attachment", async () => {
    for (const who of [p.patient, p.physician]) {
      const res = await h.get(who, `/documents/prescriptions/${ep.prescriptionId}.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-disposition")).toBe(
        `attachment; filename="prescription-${ep.prescriptionId}.pdf"`,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    }
    const verify = await h.get(p.patient, `/documents/prescriptions/${ep.prescriptionId}/verify`);
    expect(verify.status).toBe(200);
    expect(((await verify.json()) as { valid: boolean }).valid).toBe(true);
  });

  it("answers 401 without a session and 404 to an outsider, an unknown or a malformed id", async () => {
    const path = `/documents/prescriptions/${ep.prescriptionId}.pdf`;
    const anonymous = await h.get(null, path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("cache-control")).toBe("no-store");
    for (const [who, url] of [
      [p.outsider, path],
      [p.therapist, path], // not invited yet: not a party
      [p.patient, "/documents/prescriptions/00000000-0000-4000-8000-000000000000.pdf"],
      [p.patient, "/documents/prescriptions/nope.pdf"],
      [p.outsider, `/documents/prescriptions/${ep.prescriptionId}/verify`],
    ] as const) {
      const res = await h.get(who, url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get("cache-control"), url).toBe("no-store");
      expect(res.headers.get("content-type"), url).toContain("application/json");
    }
  });

  it("sends a signed letter to the parties on a chosen paper size; 400 names a bad paper, 404 for outsiders", async () => {
    const { letterId } = await h.mutate<{ letterId: string }>(p.physician, "letter.sign", {
      referralId: ep.referralId,
      narrative: "Massage therapy is medically necessary for chronic low back pain.",
      attestation: true,
      signature: "Dr. Hetty Http",
    });
    const ok = await h.get(p.patient, `/documents/letters/${letterId}.pdf?paper=a4`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(ok.headers.get("content-disposition")).toBe(
      `attachment; filename="letter-of-medical-necessity-${letterId}-v1.pdf"`,
    );
    const bad = await h.get(p.patient, `/documents/letters/${letterId}.pdf?paper=B7`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "paper" });
    expect((await h.get(p.outsider, `/documents/letters/${letterId}.pdf`)).status).toBe(404);
    expect((await h.get(null, `/documents/letters/${letterId}.pdf`)).status).toBe(401);
  });

  it("answers the superbill's refusals with their status: 400 naming the field, 412 naming the rule, 404", async () => {
    const q = (params: Record<string, string>) => `/documents/superbill.pdf?${new URLSearchParams(params)}`;
    const bad = await h.get(p.patient, q({ referralId: ep.referralId, from: "soon", to: "2026-01-31" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "from" });
    const args = { referralId: ep.referralId, from: "2026-01-01", to: "2026-01-31" };
    // No therapist on the referral yet: nothing to bill.
    const early = await h.get(p.patient, q(args));
    expect(early.status).toBe(412);
    expect(await early.json()).toMatchObject({ rule: "superbill.no_treatment" });
    expect((await h.get(p.outsider, q(args))).status).toBe(404);
    expect((await h.get(null, q(args))).status).toBe(401);
  });

  it("takes a multipart upload and serves it back as a no-store attachment of its detected type", async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const post = (who: { cookie: string }, form: FormData, origin = s.origin) =>
      fetch(`${s.origin}/files`, { method: "POST", headers: { cookie: who.cookie, origin }, body: form });
    const form = (referralId: string, bytes: Uint8Array, name: string) => {
      const f = new FormData();
      f.set("referralId", referralId);
      f.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), name);
      return f;
    };
    const created = await post(p.patient, form(ep.referralId, png, "card.pdf"));
    expect(created.status).toBe(201);
    const { fileId, referral } = (await created.json()) as {
      fileId: string;
      referral: { id: string; status: string; version: number };
    };
    expect(referral).toMatchObject({
      id: ep.referralId,
      status: expect.any(String),
      version: expect.any(Number),
    });
    const res = await h.get(p.physician, `/files/${fileId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="card.png"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([...png]);

    expect((await h.get(p.outsider, `/files/${fileId}`)).status).toBe(404);
    expect((await h.get(null, `/files/${fileId}`)).status).toBe(401);
    expect((await post(p.outsider, form(ep.referralId, png, "x.png"))).status).toBe(404);
    const wrongType = await post(p.patient, form(ep.referralId, new TextEncoder().encode("<html>"), "a.pdf"));
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ field: "file" });
    const badId = await post(p.patient, form("nope", png, "a.png"));
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ field: "referralId" });
    expect((await post(p.patient, form(ep.referralId, png, "a.png"), "https://evil.example")).status).toBe(
      403,
    );
    const huge = await post(p.patient, form(ep.referralId, new Uint8Array(11 * 1024 * 1024), "big.pdf"));
    expect(huge.status).toBe(413);
  });

  it("serves FHIR R4 as application/fhir+json: metadata to anyone, bundles to the parties only", async () => {
    const meta = await h.get(null, "/fhir/R4/metadata");
    expect(meta.status).toBe(200);
    expect(meta.headers.get("content-type")).toContain("application/fhir+json");
    expect(await meta.json()).toMatchObject({ resourceType: "CapabilityStatement", fhirVersion: "4.0.1" });
    const bundle = await h.get(p.physician, `/fhir/R4/referrals/${ep.referralId}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("application/fhir+json");
    expect(bundle.headers.get("cache-control")).toBe("no-store");
    expect(await bundle.json()).toMatchObject({ resourceType: "Bundle", type: "collection" });
    const everything = await h.get(p.patient, `/fhir/R4/Patient/${p.patient.id}/$everything`);
    expect(everything.status).toBe(200);
    expect((await h.get(p.outsider, `/fhir/R4/referrals/${ep.referralId}`)).status).toBe(404);
    expect((await h.get(p.outsider, `/fhir/R4/Patient/${p.patient.id}/$everything`)).status).toBe(404);
    expect((await h.get(p.patient, `/fhir/R4/Patient/${p.patient.id}/$nothing`)).status).toBe(404);
    expect((await h.get(null, `/fhir/R4/referrals/${ep.referralId}`)).status).toBe(401);
  });

  it("sends the patient's whole record as one no-store zip; 404 to an outsider, 401 without a session", async () => {
    const path = `/documents/patients/${p.patient.id}/record.zip`;
    const res = await h.get(p.patient, path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="medical-record-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const names = Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())));
    expect(names).toContain("record.fhir.json");
    expect(names).toContain(`prescriptions/prescription-${ep.prescriptionId}.pdf`);
    expect(names.filter((n) => n.startsWith("letters/"))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith("files/")).length).toBeGreaterThan(0);
    expect((await h.get(p.outsider, path)).status).toBe(404);
    expect((await h.get(null, path)).status).toBe(401);
  });
});
