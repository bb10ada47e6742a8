import { z } from "zod";
import { type Clock, notFutureIssue, withClockRule } from "./clock-rules";
import { bodyRegionSchema, symptomSchema } from "./codes";
import {
  expectedVersionField,
  idField,
  intInRange,
  numberInRange,
  optionalText,
  pageCursorField,
  requiredText,
  seqCursorField,
  textList,
  uniqueList,
} from "./fields";
import { messageAudienceSchema } from "./messages";
import { isoDateSchema } from "./profile";
import { referralStatusSchema } from "./referral-state";

/** Input schemas for creating a referral request and for every action on it (tRPC `referral.*`, `message.post`). */

export const REFERRAL_KINDS = ["acute", "chronic"] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];
export const REFERRAL_KIND_LABELS: Record<ReferralKind, string> = {
  acute: "Acute (recent accident or injury)",
  chronic: "Chronic (long-lasting pain)",
};
export const referralKindSchema = z.enum(REFERRAL_KINDS, { error: "Choose acute or chronic" });

export const EXPECTATION_GOAL_KINDS = [
  "fewer_painkillers",
  "less_evening_pain",
  "sleep_through_night",
  "less_pain",
  "more_mobility",
  "custom",
] as const;
export type ExpectationGoalKind = (typeof EXPECTATION_GOAL_KINDS)[number];
export const EXPECTATION_GOAL_LABELS: Record<ExpectationGoalKind, string> = {
  fewer_painkillers: "Take fewer pain killers",
  less_evening_pain: "Less pain in the evening",
  sleep_through_night: "Sleep through the night",
  less_pain: "Less pain overall",
  more_mobility: "Move more easily",
  custom: "Something else",
};

export const DESIRED_FREQUENCIES = ["twice_weekly", "weekly", "every_two_weeks", "monthly"] as const;
export type DesiredFrequency = (typeof DESIRED_FREQUENCIES)[number];
export const DESIRED_FREQUENCY_LABELS: Record<DesiredFrequency, string> = {
  twice_weekly: "Twice a week",
  weekly: "Once a week",
  every_two_weeks: "Every two weeks",
  monthly: "Once a month",
};

export const expectationGoalSchema = z
  .object({
    kind: z.enum(EXPECTATION_GOAL_KINDS, { error: "Choose a listed goal" }),
    text: optionalText("Goal text", 300),
  })
  .superRefine((g, ctx) => {
    if (g.kind === "custom" && !g.text) {
      ctx.addIssue({ code: "custom", path: ["text"], message: "Describe your goal in a few words" });
    }
  });

export const expectationsSchema = z.object({
  goals: z
    .array(expectationGoalSchema, { error: "Goals must be a list" })
    .min(1, "Choose at least one goal")
    .max(10, "Choose at most 10 goals")
    .superRefine((goals, ctx) => {
      const seen = new Set<string>();
      goals.forEach((g, i) => {
        if (g.kind === "custom") return;
        if (seen.has(g.kind))
          ctx.addIssue({ code: "custom", path: [i, "kind"], message: "Each goal may be chosen only once" });
        seen.add(g.kind);
      });
    }),
  desiredFrequency: z.enum(DESIRED_FREQUENCIES, { error: "Choose how often you would like massage" }),
});

export const referralCreateSchema = z.object({
  physicianId: idField("physicianId"),
  kind: referralKindSchema,
  bodyRegions: uniqueList(bodyRegionSchema, "Body regions", 1, 8),
  symptoms: uniqueList(symptomSchema, "Symptoms", 1, 8),
  description: requiredText("Description", 4000),
  painNow: intInRange("Pain now", 0, 10),
  eveningPain: intInRange("Evening pain", 0, 10),
  sleepHours: numberInRange("Sleep hours", 0, 24),
  medicationDosesPerDay: intInRange("Pain medication doses per day", 0, 50),
  medicalConditions: textList("Medical conditions", 30, 120),
  medications: textList("Medications", 30, 120),
  expectations: expectationsSchema,
  onsetDate: isoDateSchema.optional(),
});
export type ReferralCreateInput = z.infer<typeof referralCreateSchema>;

/** Symptoms started in the past. */
export const referralCreateClockRule = (input: Pick<ReferralCreateInput, "onsetDate">, clock: Clock) =>
  notFutureIssue("onsetDate", "Onset date", input.onsetDate, clock);
export const makeReferralCreateSchema = withClockRule(referralCreateSchema, referralCreateClockRule);

const referralId = idField("referralId");
const expectedVersion = expectedVersionField();

export const requestInfoSchema = z.object({
  referralId,
  question: requiredText("Question", 2000),
  expectedVersion,
});
export const respondSchema = z.object({ referralId, answer: requiredText("Answer", 4000), expectedVersion });
export const declineSchema = z.object({ referralId, reason: requiredText("Reason", 2000), expectedVersion });
export const cancelSchema = z.object({ referralId, reason: optionalText("Reason", 2000), expectedVersion });
export const chooseTherapistSchema = z.object({
  referralId,
  therapistId: idField("therapistId"),
  expectedVersion,
});
export const acceptSchema = z.object({ referralId, expectedVersion });
export const turnDownSchema = z.object({ referralId, reason: requiredText("Reason", 2000), expectedVersion });
export const completeSchema = z.object({ referralId, note: optionalText("Note", 2000), expectedVersion });
export const discontinueSchema = z.object({
  referralId,
  reason: requiredText("Reason", 2000),
  expectedVersion,
});
export const withdrawSchema = z.object({ referralId, reason: requiredText("Reason", 2000), expectedVersion });

export const referralIdSchema = z.object({ id: idField("id") });
export const referralListSchema = z.object({
  status: referralStatusSchema.optional(),
  cursor: pageCursorField().optional(),
  limit: z
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be between 1 and 100")
    .max(100, "limit must be between 1 and 100")
    .default(20),
});

export const messagePostSchema = z.object({
  referralId,
  body: requiredText("Message", 4000),
  /** Left out: everyone (what every client sent before the private thread existed). */
  audience: messageAudienceSchema.default("everyone"),
  expectedVersion,
});
export const timelineListSchema = z.object({
  referralId,
  cursor: seqCursorField("cursor").optional(),
  limit: z
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be between 1 and 200")
    .max(200, "limit must be between 1 and 200")
    .default(50),
});

export type RequestInfoInput = z.infer<typeof requestInfoSchema>;
export type RespondInput = z.infer<typeof respondSchema>;
export type DeclineInput = z.infer<typeof declineSchema>;
export type CancelInput = z.infer<typeof cancelSchema>;
export type ChooseTherapistInput = z.infer<typeof chooseTherapistSchema>;
export type AcceptInput = z.infer<typeof acceptSchema>;
export type TurnDownInput = z.infer<typeof turnDownSchema>;
export type CompleteInput = z.infer<typeof completeSchema>;
export type DiscontinueInput = z.infer<typeof discontinueSchema>;
export type WithdrawInput = z.infer<typeof withdrawSchema>;
export type ReferralListInput = z.infer<typeof referralListSchema>;
export type MessagePostInput = z.infer<typeof messagePostSchema>;
export type TimelineListInput = z.infer<typeof timelineListSchema>;
