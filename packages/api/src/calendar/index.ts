/** Calendar files: an .ics per appointment and the private per-user feed, served by the HTTP routes. */
export { appointmentIcsDownload, calendarFeedIcs } from "./calendar-service";
