import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@mm/db";
import { DEFAULT_TIME_ZONE, notFound, PORTAL_PATH } from "@mm/domain";
import { z } from "zod";
import type { Context, SessionUser } from "../context";
import type { Download } from "../documents/downloads";
import {
  feedAppointments,
  feedOwner,
  ownAppointment,
  revokeFeedToken,
  setFeedToken,
} from "../queries/appointments";
import { patientTimeZone } from "../queries/patient-zone";
import { appointmentsIcs } from "./ics";

type SignedIn = Context & { user: SessionUser };

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const uuid = z.uuid();
/** 256 random bits, URL-safe. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const FEED_DAYS_BACK = 30;

const portalUrl = (origin: string, role: SessionUser["role"]) =>
  `${origin}${role === "admin" ? "/" : PORTAL_PATH[role]}`;

/** GET /calendar/appointments/<id>.ics: the appointment's patient or therapist only, in the viewer's zone. */
export async function appointmentIcsDownload(
  ctx: SignedIn,
  appointmentId: string,
  origin: string,
): Promise<Download> {
  if (!uuid.safeParse(appointmentId).success) throw notFound("appointment");
  const row = await ownAppointment(ctx.db, ctx.user.id, appointmentId);
  if (!row) throw notFound("appointment");
  const ics = appointmentsIcs({
    name: "Appointment",
    timeZone: await patientTimeZone(ctx.db, ctx.user.id),
    appointments: [row],
    portalUrl: portalUrl(origin, ctx.user.role),
  });
  return {
    bytes: new TextEncoder().encode(ics),
    filename: `appointment-${row.id}.ics`,
    contentType: "text/calendar; charset=utf-8",
  };
}

/**
 * A new private feed URL for the user (any earlier one stops working). The token is shown once: only its SHA-256
 * is stored, so a copy of the database cannot open anyone's feed.
 */
export async function createCalendarFeed(db: Db, me: SessionUser) {
  const token = randomBytes(32).toString("base64url");
  await setFeedToken(db, me.id, hashOf(token));
  return { path: `/calendar/feed/${token}.ics` };
}

export async function revokeCalendarFeed(db: Db, me: SessionUser) {
  await revokeFeedToken(db, me.id);
  return { revoked: true as const };
}

/** The feed behind a token, or null for a malformed, unknown or revoked one (the route answers 404 alike). */
export async function calendarFeedIcs(
  db: Db,
  token: string,
  now: Date,
  origin: string,
): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const owner = await feedOwner(db, hashOf(token));
  if (!owner) return null;
  const since = new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000);
  return appointmentsIcs({
    name: "My appointments",
    timeZone: owner.timeZone ?? DEFAULT_TIME_ZONE,
    appointments: await feedAppointments(db, owner.userId, since),
    portalUrl: `${origin}/`,
  });
}
