import type { Db } from "@mm/db";
import { physicianRows, therapistRows } from "../queries/directory";
import { isoOrNull } from "./dates";

/** Verified physicians a patient can address a request to. */
export const listPhysicians = (db: Db, filter: { q?: string; state?: string }) => physicianRows(db, filter);

/** Therapists matching the filters. Uncredentialed ones are listed too: eligibility is judged per referral. */
export async function listTherapistRows(
  db: Db,
  filter: { state?: string; payer?: string; specialty?: string },
) {
  const rows = await therapistRows(db, filter);
  return rows.map((r) => ({ ...r, verifiedAt: isoOrNull(r.verifiedAt), verified: r.verifiedAt !== null }));
}
