import type { Db } from "@mm/db";
import { notFound } from "@mm/domain";
import { z } from "zod";
import type { SessionUser } from "../context";
import { loadReferral } from "../queries/referral";
import { audit } from "../services/audit";
import { collectionBundle, episodeResources } from "./fhir";
import { loadEpisode, visibleReferralsOfPatient } from "./fhir-queries";

const uuid = z.uuid();
const checked = (id: string, what: string) => {
  if (!uuid.safeParse(id).success) throw notFound(what);
  return id;
};

/** GET /fhir/R4/referrals/<id>: one episode as a Bundle, for the referral's parties only. */
export async function referralBundle(db: Db, me: SessionUser, referralId: string, base: string, now: Date) {
  const r = await loadReferral(db, me, checked(referralId, "referral"));
  const bundle = collectionBundle(
    `referral-${r.id}`,
    episodeResources(await loadEpisode(db, r, me), base, now),
    base,
    now,
  );
  await audit(db, me, { action: "fhir.referral", referralId: r.id, entity: "referral", entityId: r.id });
  return bundle;
}

/**
 * The episodes of one patient the caller may see (the patient: all of them; a clinician: those they are on), with
 * their Bundle. Nothing visible: NOT_FOUND, exactly like an unknown patient. Not audited: the callers audit.
 */
export async function patientRecord(db: Db, me: SessionUser, patientId: string, base: string, now: Date) {
  const referrals = await visibleReferralsOfPatient(db, me, checked(patientId, "patient"));
  if (referrals.length === 0) throw notFound("patient");
  const episodes = [];
  for (const r of referrals) episodes.push(await loadEpisode(db, r, me));
  const resources = episodes.flatMap((e) => episodeResources(e, base, now));
  return { episodes, bundle: collectionBundle(`everything-${patientId}`, resources, base, now) };
}

/** GET /fhir/R4/Patient/<id>/$everything: the patient's record as one Bundle, audited per referral. */
export async function patientEverything(db: Db, me: SessionUser, patientId: string, base: string, now: Date) {
  const { episodes, bundle } = await patientRecord(db, me, patientId, base, now);
  await audit(
    db,
    me,
    episodes.map((e) => ({
      action: "fhir.patient_everything",
      referralId: e.referral.id,
      entity: "patient",
      entityId: patientId,
    })),
  );
  return bundle;
}
