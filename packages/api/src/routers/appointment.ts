import {
  appointmentBookSchema,
  appointmentIdSchema,
  appointmentListSchema,
  appointmentReasonSchema,
  appointmentRescheduleSchema,
  appointmentSlotsSchema,
  forbidden,
  scheduleSummarySchema,
} from "@mm/domain";
import {
  appointmentSlots,
  bookAppointment,
  cancelAppointment,
  confirmAppointment,
  declineAppointment,
  listAppointments,
  markNoShow,
  rescheduleAppointment,
  scheduleSummary,
} from "../services/appointment-service";
import { authedProcedure, patientProcedure, router, therapistProcedure } from "../trpc";

/** The two parties of an appointment: the patient and the therapist. */
const partyProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "patient" && ctx.user.role !== "therapist")
    throw forbidden("role.patient_or_therapist_only", "Only the patient or the therapist can do this.");
  return next();
});

export const appointmentRouter = router({
  slots: partyProcedure
    .input(appointmentSlotsSchema)
    .query(({ ctx, input }) => appointmentSlots(ctx.db, ctx.user, input, ctx.now())),
  book: patientProcedure
    .input(appointmentBookSchema)
    .mutation(({ ctx, input }) => bookAppointment(ctx.db, ctx.user, input, ctx.now())),
  confirm: therapistProcedure
    .input(appointmentIdSchema)
    .mutation(({ ctx, input }) => confirmAppointment(ctx.db, ctx.user, input.appointmentId)),
  decline: therapistProcedure
    .input(appointmentReasonSchema)
    .mutation(({ ctx, input }) => declineAppointment(ctx.db, ctx.user, input.appointmentId, input.reason)),
  reschedule: partyProcedure
    .input(appointmentRescheduleSchema)
    .mutation(({ ctx, input }) =>
      rescheduleAppointment(ctx.db, ctx.user, input.appointmentId, input.startsAt, ctx.now()),
    ),
  cancel: partyProcedure
    .input(appointmentReasonSchema)
    .mutation(({ ctx, input }) =>
      cancelAppointment(ctx.db, ctx.user, input.appointmentId, input.reason, ctx.now()),
    ),
  markNoShow: therapistProcedure
    .input(appointmentIdSchema)
    .mutation(({ ctx, input }) => markNoShow(ctx.db, ctx.user, input.appointmentId, ctx.now())),
  list: authedProcedure
    .input(appointmentListSchema)
    .query(({ ctx, input }) => listAppointments(ctx.db, ctx.user, input)),
  scheduleSummary: authedProcedure
    .input(scheduleSummarySchema)
    .query(({ ctx, input }) => scheduleSummary(ctx.db, ctx.user, input.referralId, ctx.now())),
});
