import { APPOINTMENT_LOCATION_LABELS, type AppointmentLocation, type AppointmentStatus } from "@mm/domain";
import ical, { ICalEventStatus } from "ical-generator";
import { Temporal } from "temporal-polyfill";
import { tzlib_get_ical_block } from "timezones-ical-library";

export type CalendarAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  location: AppointmentLocation;
  status: AppointmentStatus;
  updatedAt: Date;
};

const STATUS: Record<AppointmentStatus, ICalEventStatus> = {
  requested: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  declined: ICalEventStatus.CANCELLED,
  cancelled: ICalEventStatus.CANCELLED,
  late_cancel: ICalEventStatus.CANCELLED,
  no_show: ICalEventStatus.CANCELLED,
  completed: ICalEventStatus.CONFIRMED,
};

/** The VTIMEZONE block of an IANA zone (ical-generator embeds it so every client reads the same rules). */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) ? (block[0] ?? null) : null;
}

/**
 * An iCalendar file of appointments, times written in `timeZone` with its VTIMEZONE (DTSTART;TZID=…). ical-generator
 * writes a plain Date's UTC fields under the TZID, so each instant goes in as a Temporal ZonedDateTime in that zone.
 * No health data: the summary says "Appointment" and the place kind, nothing about the treatment.
 */
export function appointmentsIcs(input: {
  name: string;
  timeZone: string;
  appointments: readonly CalendarAppointment[];
  portalUrl: string;
}): string {
  const zone = vtimezone(input.timeZone) ? input.timeZone : "UTC";
  const calendar = ical({
    name: input.name,
    prodId: { company: "medmassage", product: "appointments", language: "EN" },
    timezone: { name: zone, generator: vtimezone },
  });
  const local = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime()).toZonedDateTimeISO(zone);
  for (const a of input.appointments) {
    calendar.createEvent({
      id: `${a.id}@medmassage`,
      start: local(a.startsAt),
      end: local(a.endsAt),
      timezone: zone,
      stamp: local(a.updatedAt),
      summary: "Appointment",
      description: APPOINTMENT_LOCATION_LABELS[a.location],
      status: STATUS[a.status],
      url: input.portalUrl,
    });
  }
  return calendar.toString();
}
