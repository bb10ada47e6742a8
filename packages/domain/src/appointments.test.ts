import { describe, expect, it } from "vitest";
import {
  APPOINTMENT_STATUSES,
  type AppointmentAction,
  type AppointmentStatus,
  appointmentBookSchema,
  appointmentSlotsSchema,
  assertAppointmentAction,
  assertStarted,
  availabilitySetSchema,
  BOOKING_RULES,
  type BookingFacts,
  bookingCheck,
  cancellationStatus,
  FALLING_BEHIND_DAYS,
  fallingBehind,
  isLiveAppointment,
  isOfferedSlot,
  openSlots,
  scheduleSummarySchema,
  scheduleWeeks,
} from "./appointments";
import { DomainError } from "./errors";

const NY = "America/New_York";
const hours = (h: number) => h * 3_600_000;
const utc = (s: string) => new Date(s);
const isoOf = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());
const LONG_AGO = utc("2000-01-01T00:00:00Z");

const weekdays = (start: string, end: string, sessionMinutes: (30 | 45 | 60 | 90)[] = [60]) =>
  [1, 2, 3, 4, 5].map((dayOfWeek) => ({
    dayOfWeek,
    start,
    end,
    sessionMinutes,
    location: "clinic" as const,
  }));

describe("openSlots", () => {
  const availability = { timeZone: NY, windows: weekdays("09:00", "12:00"), exceptions: [] };

  it("cuts each window into back-to-back sessions at the therapist's local times", () => {
    // Monday 2026-06-01, EDT (UTC-4): 09:00, 10:00, 11:00 local.
    const slots = openSlots({ availability, from: "2026-06-01", to: "2026-06-01", busy: [], now: LONG_AGO });
    expect(isoOf(slots)).toEqual([
      "2026-06-01T13:00:00.000Z",
      "2026-06-01T14:00:00.000Z",
      "2026-06-01T15:00:00.000Z",
    ]);
    expect(slots.every((s) => s.minutes === 60 && s.location === "clinic")).toBe(true);
    expect(slots[0]?.end.toISOString()).toBe("2026-06-01T14:00:00.000Z");
  });

  it("offers nothing on days without a window (the weekend)", () => {
    expect(
      openSlots({ availability, from: "2026-06-06", to: "2026-06-07", busy: [], now: LONG_AGO }),
    ).toEqual([]);
  });

  it("keeps 09:00 local on both sides of the March change (EST -> EDT)", () => {
    // Friday 6 March is EST (UTC-5), Monday 9 March is EDT (UTC-4): the UTC instant moves, the local time does not.
    const slots = openSlots({ availability, from: "2026-03-06", to: "2026-03-09", busy: [], now: LONG_AGO });
    expect(isoOf(slots)).toEqual([
      "2026-03-06T14:00:00.000Z",
      "2026-03-06T15:00:00.000Z",
      "2026-03-06T16:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
      "2026-03-09T14:00:00.000Z",
      "2026-03-09T15:00:00.000Z",
    ]);
  });

  it("keeps 09:00 local on both sides of the November change (EDT -> EST)", () => {
    const slots = openSlots({ availability, from: "2026-10-30", to: "2026-11-02", busy: [], now: LONG_AGO });
    expect(isoOf(slots)[0]).toBe("2026-10-30T13:00:00.000Z");
    expect(isoOf(slots)[3]).toBe("2026-11-02T14:00:00.000Z");
    expect(slots).toHaveLength(6);
  });

  const night = {
    timeZone: NY,
    windows: [
      {
        dayOfWeek: 7,
        start: "01:00",
        end: "04:00",
        sessionMinutes: [60 as const],
        location: "home" as const,
      },
    ],
    exceptions: [],
  };

  it("a window across the spring-forward gap is an hour shorter in real time", () => {
    // Sunday 8 March 2026: 02:00-03:00 does not exist. 01:00 EST = 06:00Z; 04:00 EDT = 08:00Z.
    const slots = openSlots({
      availability: night,
      from: "2026-03-08",
      to: "2026-03-08",
      busy: [],
      now: LONG_AGO,
    });
    expect(isoOf(slots)).toEqual(["2026-03-08T06:00:00.000Z", "2026-03-08T07:00:00.000Z"]);
    expect(slots.every((s) => s.location === "home")).toBe(true);
  });

  it("a window across the fall-back repeat is an hour longer in real time", () => {
    // Sunday 1 November 2026: 01:00 EDT = 05:00Z; 04:00 EST = 09:00Z; 01:00-02:00 happens twice.
    const slots = openSlots({
      availability: night,
      from: "2026-11-01",
      to: "2026-11-01",
      busy: [],
      now: LONG_AGO,
    });
    expect(isoOf(slots)).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T07:00:00.000Z",
      "2026-11-01T08:00:00.000Z",
    ]);
  });

  it("an ordinary Sunday night has three", () => {
    expect(
      openSlots({ availability: night, from: "2026-03-15", to: "2026-03-15", busy: [], now: LONG_AGO }),
    ).toHaveLength(3);
  });

  it("a window starting inside the gap starts at the first real instant after it", () => {
    const gap = { ...night, windows: [{ ...night.windows[0]!, start: "02:30", end: "05:00" }] };
    // 02:30 does not exist on 8 March: it is 03:30 EDT (07:30Z). Until 05:00 EDT (09:00Z): one hour-long session.
    expect(
      isoOf(openSlots({ availability: gap, from: "2026-03-08", to: "2026-03-08", busy: [], now: LONG_AGO })),
    ).toEqual(["2026-03-08T07:30:00.000Z"]);
  });

  it("removes time off (whole days, both ends included)", () => {
    const off = { ...availability, exceptions: [{ from: "2026-06-02", to: "2026-06-03" }] };
    const slots = openSlots({
      availability: off,
      from: "2026-06-01",
      to: "2026-06-05",
      busy: [],
      now: LONG_AGO,
    });
    const days = new Set(slots.map((s) => s.start.toISOString().slice(0, 10)));
    expect([...days]).toEqual(["2026-06-01", "2026-06-04", "2026-06-05"]);
  });

  it("time off is a day in the therapist's zone, not in UTC", () => {
    const late = {
      timeZone: NY,
      windows: [
        {
          dayOfWeek: 1,
          start: "21:00",
          end: "22:00",
          sessionMinutes: [60 as const],
          location: "clinic" as const,
        },
      ],
    };
    // Monday 1 June 21:00 EDT is already Tuesday 01:00Z: a day off on Monday removes it, one on Tuesday does not.
    expect(
      openSlots({
        availability: { ...late, exceptions: [{ from: "2026-06-01", to: "2026-06-01" }] },
        from: "2026-06-01",
        to: "2026-06-01",
        busy: [],
        now: LONG_AGO,
      }),
    ).toEqual([]);
    expect(
      openSlots({
        availability: { ...late, exceptions: [{ from: "2026-06-02", to: "2026-06-02" }] },
        from: "2026-06-01",
        to: "2026-06-01",
        busy: [],
        now: LONG_AGO,
      }),
    ).toHaveLength(1);
  });

  it("removes slots that overlap a busy interval, even partly", () => {
    const busy = [{ start: utc("2026-06-01T13:30:00Z"), end: utc("2026-06-01T14:15:00Z") }];
    const slots = openSlots({ availability, from: "2026-06-01", to: "2026-06-01", busy, now: LONG_AGO });
    expect(isoOf(slots)).toEqual(["2026-06-01T15:00:00.000Z"]);
  });

  it("a busy interval touching a slot's edge does not remove it", () => {
    const busy = [{ start: utc("2026-06-01T12:00:00Z"), end: utc("2026-06-01T13:00:00Z") }];
    expect(
      openSlots({ availability, from: "2026-06-01", to: "2026-06-01", busy, now: LONG_AGO }),
    ).toHaveLength(3);
  });

  it("busy intervals that overlap each other, in any order, remove every slot they touch", () => {
    const busy = [
      { start: utc("2026-06-01T15:30:00Z"), end: utc("2026-06-01T15:45:00Z") },
      // A long one starting first and covering the 10:00 slot, listed second.
      { start: utc("2026-06-01T12:00:00Z"), end: utc("2026-06-01T14:30:00Z") },
      { start: utc("2026-06-01T13:10:00Z"), end: utc("2026-06-01T13:20:00Z") },
    ];
    expect(openSlots({ availability, from: "2026-06-01", to: "2026-06-01", busy, now: LONG_AGO })).toEqual(
      [],
    );
    const oneLong = [busy[1]!];
    expect(
      isoOf(openSlots({ availability, from: "2026-06-01", to: "2026-06-01", busy: oneLong, now: LONG_AGO })),
    ).toEqual(["2026-06-01T15:00:00.000Z"]);
  });

  it("drops slots that start before now", () => {
    const slots = openSlots({
      availability,
      from: "2026-06-01",
      to: "2026-06-01",
      busy: [],
      now: utc("2026-06-01T13:00:01Z"),
    });
    expect(isoOf(slots)).toEqual(["2026-06-01T14:00:00.000Z", "2026-06-01T15:00:00.000Z"]);
  });

  it("offers every length, or only the one asked for, sorted by start", () => {
    const multi = {
      timeZone: "UTC",
      windows: [
        {
          dayOfWeek: 1,
          start: "09:00",
          end: "10:30",
          sessionMinutes: [30 as const, 90 as const],
          location: "clinic" as const,
        },
      ],
      exceptions: [],
    };
    const all = openSlots({
      availability: multi,
      from: "2026-06-01",
      to: "2026-06-01",
      busy: [],
      now: LONG_AGO,
    });
    expect(all.map((s) => `${s.start.toISOString().slice(11, 16)}/${s.minutes}`)).toEqual([
      "09:00/30",
      "09:00/90",
      "09:30/30",
      "10:00/30",
    ]);
    expect(
      openSlots({
        availability: multi,
        from: "2026-06-01",
        to: "2026-06-01",
        busy: [],
        now: LONG_AGO,
        minutes: 90,
      }),
    ).toHaveLength(1);
  });

  it("isOfferedSlot accepts exactly the offered start, length and place", () => {
    const start = utc("2026-06-01T14:00:00Z");
    expect(isOfferedSlot(availability, { start, minutes: 60, location: "clinic" }, LONG_AGO)).toBe(true);
    expect(isOfferedSlot(availability, { start, minutes: 60, location: "home" }, LONG_AGO)).toBe(false);
    expect(isOfferedSlot(availability, { start, minutes: 30, location: "clinic" }, LONG_AGO)).toBe(false);
    expect(
      isOfferedSlot(
        availability,
        { start: utc("2026-06-01T14:10:00Z"), minutes: 60, location: "clinic" },
        LONG_AGO,
      ),
    ).toBe(false);
  });
});

describe("availability schema", () => {
  const valid = {
    timeZone: NY,
    windows: weekdays("09:00", "17:00"),
    exceptions: [],
    lateCancelHours: 24,
    autoConfirm: false,
  };
  it("accepts a working week", () => expect(availabilitySetSchema.safeParse(valid).success).toBe(true));
  it.each([
    ["an unknown zone", { ...valid, timeZone: "Mars/Olympus" }, "timeZone"],
    [
      "end before start",
      { ...valid, windows: [{ ...valid.windows[0], start: "10:00", end: "09:00" }] },
      "windows.0.end",
    ],
    ["a malformed time", { ...valid, windows: [{ ...valid.windows[0], start: "9am" }] }, "windows.0.start"],
    [
      "an unoffered length",
      { ...valid, windows: [{ ...valid.windows[0], sessionMinutes: [50] }] },
      "windows.0.sessionMinutes.0",
    ],
    [
      "no lengths",
      { ...valid, windows: [{ ...valid.windows[0], sessionMinutes: [] }] },
      "windows.0.sessionMinutes",
    ],
    [
      "overlapping windows",
      { ...valid, windows: [valid.windows[0], { ...valid.windows[0], start: "16:00", end: "18:00" }] },
      "windows.1.start",
    ],
    [
      "a day off ending before it starts",
      { ...valid, exceptions: [{ from: "2026-06-02", to: "2026-06-01" }] },
      "exceptions.0.to",
    ],
    ["a negative late-cancel window", { ...valid, lateCancelHours: -1 }, "lateCancelHours"],
  ])("refuses %s, naming the field", (_what, input, path) => {
    const r = availabilitySetSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain(path);
  });
  it("a malformed day in a slot range is a field issue, not a throw", () => {
    const r = appointmentSlotsSchema.safeParse({
      referralId: "00000000-0000-4000-8000-000000000000",
      from: "2026-06-01",
      to: "\u0000",
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain("to");
  });
  it("slot ranges are bounded", () => {
    const id = "00000000-0000-4000-8000-000000000000";
    expect(
      appointmentSlotsSchema.safeParse({ referralId: id, from: "2026-06-01", to: "2026-06-30" }).success,
    ).toBe(true);
    expect(
      appointmentSlotsSchema.safeParse({ referralId: id, from: "2026-06-01", to: "2026-08-30" }).success,
    ).toBe(false);
    expect(
      appointmentSlotsSchema.safeParse({ referralId: id, from: "2026-06-02", to: "2026-06-01" }).success,
    ).toBe(false);
  });
  it("a booking names an offered length and a place", () => {
    const base = {
      referralId: "00000000-0000-4000-8000-000000000000",
      startsAt: "2026-06-01T14:00:00Z",
      minutes: 60,
      location: "clinic",
    };
    expect(appointmentBookSchema.safeParse(base).success).toBe(true);
    expect(appointmentBookSchema.safeParse({ ...base, minutes: 61 }).success).toBe(false);
    expect(appointmentBookSchema.safeParse({ ...base, location: "park" }).success).toBe(false);
    expect(appointmentBookSchema.safeParse({ ...base, startsAt: "tomorrow" }).success).toBe(false);
  });
});

describe("bookingCheck", () => {
  const start = utc("2026-06-10T14:00:00Z");
  const ok: BookingFacts = {
    now: utc("2026-06-01T12:00:00Z"),
    start,
    end: new Date(start.getTime() + hours(1)),
    patientTimeZone: NY,
    planInEffect: true,
    rx: { validFrom: "2026-06-01", expiresOn: "2026-08-31", totalSessions: 12, sessionsPerWeek: 2 },
    attended: 0,
    booked: 0,
    takenDays: [],
    visitsPerYear: 20,
    visitsInYear: 0,
    therapistBusy: [],
    patientBusy: [],
  };
  const ruleOf = (f: BookingFacts) => {
    try {
      bookingCheck(f);
      return null;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return `${e.kind}:${e.rule}`;
    }
  };

  it("passes a booking inside every limit", () => expect(ruleOf(ok)).toBeNull());

  it.each<[string, Partial<BookingFacts>, string]>([
    ["in the past", { now: start }, "rule:appointment.in_past"],
    ["without a prescription", { rx: null }, "rule:appointment.no_prescription"],
    ["before the plan is in effect", { planInEffect: false }, "rule:appointment.plan_not_in_effect"],
    [
      "before valid-from",
      { rx: { ...ok.rx!, validFrom: "2026-06-11" } },
      "rule:appointment.outside_prescription_validity",
    ],
    [
      "after expires-on",
      { rx: { ...ok.rx!, expiresOn: "2026-06-09" } },
      "rule:appointment.outside_prescription_validity",
    ],
    [
      "when attended sessions used the count",
      { attended: 12 },
      "rule:appointment.authorized_sessions_exhausted",
    ],
    [
      "when attended + booked reach the count",
      { attended: 7, booked: 5 },
      "rule:appointment.authorized_sessions_exhausted",
    ],
    [
      "beyond the sessions per week",
      { takenDays: ["2026-06-08", "2026-06-09"] },
      "rule:appointment.weekly_limit_reached",
    ],
    ["beyond the insurer's visits per year", { visitsInYear: 20 }, "rule:appointment.visit_limit_reached"],
    [
      "over the therapist's other appointment",
      { therapistBusy: [{ start: utc("2026-06-10T14:30:00Z"), end: utc("2026-06-10T15:30:00Z") }] },
      "conflict:appointment.slot_taken",
    ],
    [
      "over the patient's other appointment",
      { patientBusy: [{ start: utc("2026-06-10T13:30:00Z"), end: utc("2026-06-10T14:30:00Z") }] },
      "rule:appointment.patient_overlap",
    ],
  ])("refuses a booking %s, naming the rule", (_what, change, rule) => {
    expect(ruleOf({ ...ok, ...change })).toBe(rule);
  });

  it("every rule it can name is listed", () => {
    expect([...BOOKING_RULES].sort()).toEqual(
      [
        "appointment.in_past",
        "appointment.no_prescription",
        "appointment.plan_not_in_effect",
        "appointment.outside_prescription_validity",
        "appointment.authorized_sessions_exhausted",
        "appointment.weekly_limit_reached",
        "appointment.visit_limit_reached",
        "appointment.patient_overlap",
        "appointment.slot_taken",
      ].sort(),
    );
  });

  it("the last authorized session, the last weekly one and the last yearly visit may still be booked", () => {
    expect(ruleOf({ ...ok, attended: 6, booked: 5, takenDays: ["2026-06-09"], visitsInYear: 19 })).toBeNull();
  });

  it("an unknown yearly limit enforces none", () =>
    expect(ruleOf({ ...ok, visitsPerYear: null, visitsInYear: 99 })).toBeNull());

  it("sessions in another prescription week do not count toward this one", () => {
    // Weeks run from valid-from (Monday 1 June): 8-14 June is week 1; 1 and 7 June are week 0.
    expect(ruleOf({ ...ok, takenDays: ["2026-06-01", "2026-06-07", "2026-06-15"] })).toBeNull();
  });

  it("validity days are the patient's: late evening in New York is still the last valid day", () => {
    // 31 August 23:30 EDT is 1 September 03:30Z: still valid where the patient lives.
    const late = utc("2026-09-01T03:30:00Z");
    expect(ruleOf({ ...ok, start: late, end: new Date(late.getTime() + hours(1)) })).toBeNull();
    expect(
      ruleOf({ ...ok, start: late, end: new Date(late.getTime() + hours(1)), patientTimeZone: "UTC" }),
    ).toBe("rule:appointment.outside_prescription_validity");
  });

  it("adjacent appointments do not overlap", () => {
    expect(
      ruleOf({ ...ok, therapistBusy: [{ start: ok.end, end: new Date(ok.end.getTime() + hours(1)) }] }),
    ).toBeNull();
  });
});

describe("appointment actions", () => {
  const table: [AppointmentAction, AppointmentStatus[], ("patient" | "therapist")[]][] = [
    ["confirm", ["requested"], ["therapist"]],
    ["decline", ["requested"], ["therapist"]],
    ["reschedule", ["requested", "confirmed"], ["patient", "therapist"]],
    ["cancel", ["requested", "confirmed"], ["patient", "therapist"]],
    ["no_show", ["confirmed"], ["therapist"]],
    ["complete", ["confirmed"], ["therapist"]],
  ];
  for (const [action, from, by] of table)
    for (const status of APPOINTMENT_STATUSES)
      for (const role of ["patient", "therapist", "physician"])
        it(`${action} from ${status} by ${role}: ${from.includes(status) && (by as string[]).includes(role) ? "allowed" : "refused"}`, () => {
          const allowed = from.includes(status) && (by as string[]).includes(role);
          if (allowed) expect(() => assertAppointmentAction(action, status, role)).not.toThrow();
          else
            expect(() => assertAppointmentAction(action, status, role)).toThrow(
              expect.objectContaining({ rule: `appointment.${action}_not_allowed` }),
            );
        });

  it("only requested and confirmed hold the therapist's time", () => {
    expect(APPOINTMENT_STATUSES.filter(isLiveAppointment)).toEqual(["requested", "confirmed"]);
  });
});

describe("cancellation and the late-cancel window", () => {
  const start = utc("2026-06-10T14:00:00Z");
  const before = (h: number) => new Date(start.getTime() - hours(h));
  it.each([
    [25, "patient", "cancelled"],
    [24, "patient", "cancelled"],
    [23.99, "patient", "late_cancel"],
    [1, "patient", "late_cancel"],
    [1, "therapist", "cancelled"],
  ] as const)("%s h before, by the %s: %s", (h, by, status) => {
    expect(cancellationStatus({ start, now: before(h), lateCancelHours: 24, by })).toBe(status);
  });
  it("a zero window never makes a late cancel", () => {
    expect(cancellationStatus({ start, now: before(0.01), lateCancelHours: 0, by: "patient" })).toBe(
      "cancelled",
    );
  });
  it("a started appointment cannot be cancelled", () => {
    expect(() => cancellationStatus({ start, now: start, lateCancelHours: 24, by: "patient" })).toThrow(
      expect.objectContaining({ rule: "appointment.already_started" }),
    );
  });
  it("attended or missed only once started", () => {
    expect(() => assertStarted(start, before(1))).toThrow(
      expect.objectContaining({ rule: "appointment.not_started" }),
    );
    expect(() => assertStarted(start, start)).not.toThrow();
  });
});

describe("scheduleWeeks", () => {
  const base = { validFrom: "2026-03-02", expiresOn: "2026-03-20", sessionsPerWeek: 2 };

  it("cuts the prescription into 7-day weeks from its first day; the last week ends on its last day", () => {
    const weeks = scheduleWeeks({ ...base, appointments: [], sessionDays: [] });
    expect(weeks.map((w) => [w.week, w.from, w.to, w.prescribed])).toEqual([
      [1, "2026-03-02", "2026-03-08", 2],
      [2, "2026-03-09", "2026-03-15", 2],
      [3, "2026-03-16", "2026-03-20", 2],
    ]);
    expect(weeks[0]).toMatchObject({ booked: 0, attended: 0, noShow: 0, cancelled: 0 });
    expect(
      scheduleWeeks({ ...base, expiresOn: "2026-03-02", appointments: [], sessionDays: [] }),
    ).toHaveLength(1);
    expect(scheduleWeeks({ ...base, expiresOn: "2026-03-01", appointments: [], sessionDays: [] })).toEqual(
      [],
    );
  });

  it("counts each status in its week: live as booked, sessions as attended (a completed appointment once), declined nowhere", () => {
    const statuses: AppointmentStatus[] = [...APPOINTMENT_STATUSES];
    const weeks = scheduleWeeks({
      ...base,
      appointments: [
        ...statuses.map((status) => ({ day: "2026-03-08", status })),
        { day: "2026-03-09", status: "confirmed" },
        // Outside the prescription: no week of it.
        { day: "2026-03-01", status: "confirmed" },
        { day: "2026-03-21", status: "no_show" },
      ],
      sessionDays: ["2026-03-02", "2026-03-08", "2026-03-20", "2026-03-21"],
    });
    expect(
      weeks.map(({ booked, attended, noShow, cancelled }) => [booked, attended, noShow, cancelled]),
    ).toEqual([
      [2, 2, 1, 2],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
    ]);
  });
});

describe("fallingBehind", () => {
  const now = utc("2026-03-20T12:00:00Z");
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const facts = {
    now,
    expiresOn: "2026-04-30",
    today: "2026-03-20",
    authorized: 8,
    attended: 3,
    upcoming: 0,
    activity: [daysAgo(30), daysAgo(FALLING_BEHIND_DAYS)],
  };

  it("alerts after 10 quiet days with sessions left, naming how many", () => {
    expect(fallingBehind(facts)).toEqual({
      remaining: 5,
      days: 10,
      message: "No visit booked in the last 10 days while 5 sessions remain.",
    });
    expect(fallingBehind({ ...facts, attended: 7 })?.message).toBe(
      "No visit booked in the last 10 days while 1 session remains.",
    );
  });

  it("is quiet while on track: recent activity, a visit booked ahead, nothing left, or the prescription over", () => {
    expect(
      fallingBehind({ ...facts, activity: [daysAgo(30), new Date(daysAgo(10).getTime() + 1)] }),
    ).toBeNull();
    expect(fallingBehind({ ...facts, upcoming: 1 })).toBeNull();
    expect(fallingBehind({ ...facts, attended: 8 })).toBeNull();
    expect(fallingBehind({ ...facts, attended: 9 })).toBeNull();
    expect(fallingBehind({ ...facts, today: "2026-05-01" })).toBeNull();
    expect(fallingBehind({ ...facts, today: "2026-04-30" })).not.toBeNull();
  });
});

describe("scheduleSummarySchema", () => {
  it("names a bad referral id", () => {
    const r = scheduleSummarySchema.safeParse({ referralId: "x" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("referralId must be a valid id");
  });
});
