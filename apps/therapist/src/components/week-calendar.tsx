import FullCalendar from "@fullcalendar/react";
import classicTheme from "@fullcalendar/react/themes/classic";
import timeGrid from "@fullcalendar/react/timegrid";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import { APPOINTMENT_STATUS_LABELS, type AppointmentStatus } from "@mm/domain";

export type CalendarItem = {
  id: string;
  startsAt: string;
  endsAt: string;
  status: AppointmentStatus;
  patientName: string;
};

const COLORS: Partial<Record<AppointmentStatus, string>> = { requested: "#1c7ed6", confirmed: "#2f9e44" };

/**
 * The therapist's week, drawn by FullCalendar (v7: React 19, Temporal-based, named time zones without a plugin; see
 * docs/decisions.md). It is a picture of the week: every action is also in the list beside it, with real buttons.
 */
export function WeekCalendar({
  items,
  timeZone,
  onRangeChange,
}: {
  items: readonly CalendarItem[];
  timeZone: string;
  onRangeChange: (range: { from: string; to: string }) => void;
}) {
  return (
    <div className="mm-week-calendar">
      <FullCalendar
        plugins={[timeGrid, classicTheme]}
        initialView="timeGridWeek"
        timeZone={timeZone}
        height="auto"
        slotMinTime="07:00:00"
        slotMaxTime="21:00:00"
        allDaySlot={false}
        nowIndicator
        headerToolbar={{ start: "title", end: "today prev,next" }}
        // Visible text and accessible name agree (axe: label-content-name-mismatch).
        todayText="This week"
        todayHint="This week"
        prevHint="Previous week"
        nextHint="Next week"
        datesSet={(info) => onRangeChange({ from: info.start.toISOString(), to: info.end.toISOString() })}
        events={items.map((a) => ({
          id: a.id,
          start: a.startsAt,
          end: a.endsAt,
          title: `${a.patientName} (${APPOINTMENT_STATUS_LABELS[a.status]})`,
          color: COLORS[a.status] ?? "#868e96",
        }))}
      />
    </div>
  );
}
