import {
  type DesiredFrequency,
  type ExpectationGoalKind,
  makeReferralCreateSchema,
  patientProfileSchema,
  type ReferralCreateInput,
  type ReferralKind,
} from "@mm/domain";
import type { Me } from "@mm/ui";
import { blankToUndefined, zodValidate } from "@mm/ui/forms";
import type { ReactNode } from "react";
import { numberOrUndefined } from "../lib/referral-text";

/**
 * The referral request form's values: the `referral.create` input's own shape (so the server's field errors land on
 * the same paths), with "not answered yet" representable (null scales, "" choices and numbers).
 */
export type RequestValues = {
  physicianId: string;
  kind: ReferralKind | "";
  bodyRegions: string[];
  symptoms: string[];
  description: string;
  onsetDate: string;
  painNow: number | null;
  eveningPain: number | null;
  sleepHours: number | string;
  medicationDosesPerDay: number | string;
  medicalConditions: string[];
  medications: string[];
  /** Not part of the request: saved to the patient's profile, which every referral of theirs shows. */
  allergies: string[];
  expectations: {
    goals: { kind: ExpectationGoalKind; text: string }[];
    desiredFrequency: DesiredFrequency | "";
  };
};

export function initialRequestValues(me: Me): RequestValues {
  const profile = me.profile.role === "patient" ? me.profile : null;
  return {
    physicianId: "",
    kind: "",
    bodyRegions: [],
    symptoms: [],
    description: "",
    onsetDate: "",
    painNow: null,
    eveningPain: null,
    sleepHours: "",
    medicationDosesPerDay: "",
    medicalConditions: profile?.medicalConditions ?? [],
    medications: profile?.medications ?? [],
    allergies: profile?.allergies ?? [],
    expectations: { goals: [], desiredFrequency: "" },
  };
}

export function toRequestInput(v: RequestValues): ReferralCreateInput {
  return {
    physicianId: v.physicianId,
    kind: (v.kind || undefined) as ReferralKind,
    bodyRegions: v.bodyRegions as ReferralCreateInput["bodyRegions"],
    symptoms: v.symptoms as ReferralCreateInput["symptoms"],
    description: v.description,
    painNow: (v.painNow ?? undefined) as number,
    eveningPain: (v.eveningPain ?? undefined) as number,
    sleepHours: numberOrUndefined(v.sleepHours) as number,
    medicationDosesPerDay: numberOrUndefined(v.medicationDosesPerDay) as number,
    medicalConditions: v.medicalConditions,
    medications: v.medications,
    expectations: {
      goals: v.expectations.goals.map((g) =>
        g.kind === "custom" ? { kind: g.kind, text: g.text } : { kind: g.kind },
      ),
      desiredFrequency: (v.expectations.desiredFrequency || undefined) as DesiredFrequency,
    },
    onsetDate: blankToUndefined(v.onsetDate),
  };
}

/** The form's steps and the fields each one asks for (error paths under these belong to the step). */
export const REQUEST_STEPS = [
  { title: "Your physician", short: "Physician", fields: ["physicianId"] },
  {
    title: "What hurts",
    short: "What hurts",
    fields: ["kind", "bodyRegions", "symptoms", "description", "onsetDate"],
  },
  {
    title: "How it affects you",
    short: "Your day",
    fields: ["painNow", "eveningPain", "sleepHours", "medicationDosesPerDay"],
  },
  { title: "Your health", short: "Health", fields: ["medicalConditions", "medications", "allergies"] },
  { title: "What you hope for", short: "Hopes", fields: ["expectations"] },
  { title: "Check and send", short: "Send", fields: [] },
] as const;

export const REVIEW_STEP = REQUEST_STEPS.length - 1;

/** Lists show one message under the whole list, so "medications.3" and "bodyRegions.0" fold into their list. */
const LIST_FIELDS = [
  "bodyRegions",
  "symptoms",
  "medicalConditions",
  "medications",
  "allergies",
  "expectations.goals",
];

/** The form path an input path's error is shown under. */
export function foldPath(path: string): string {
  const list = LIST_FIELDS.find((f) => path.startsWith(`${f}.`));
  // A custom goal's own words keep their place under that goal's text box.
  const isGoalText = /^expectations\.goals\.\d+\.text$/.test(path);
  return list && !isGoalText ? list : path;
}

function foldErrors(errors: Record<string, ReactNode>): Record<string, ReactNode> {
  const out: Record<string, ReactNode> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (message == null || message === false) continue;
    out[foldPath(path)] ??= message;
  }
  return out;
}

const schemaErrors = (values: RequestValues) =>
  zodValidate(makeReferralCreateSchema({ now: new Date() }), toRequestInput)(values);
const allergyErrors = zodValidate(patientProfileSchema.shape.allergies, (v: RequestValues) => v.allergies);

/** The server's schema, with plainer words where a question was simply not answered yet. */
export function validateRequest(values: RequestValues): Record<string, ReactNode> {
  const errors = foldErrors(schemaErrors(values));
  const allergies = Object.values(allergyErrors(values))[0];
  if (allergies) errors.allergies = allergies;
  if (!values.physicianId) errors.physicianId = "Choose your physician from the list";
  if (!values.description.trim()) errors.description = "Tell your physician about it in a few words";
  if (values.painNow === null) errors.painNow = "Choose a number from 0 to 10";
  if (values.eveningPain === null) errors.eveningPain = "Choose a number from 0 to 10";
  if (numberOrUndefined(values.sleepHours) === undefined)
    errors.sleepHours = "Enter about how many hours you sleep";
  if (numberOrUndefined(values.medicationDosesPerDay) === undefined)
    errors.medicationDosesPerDay = "Enter a number (0 if you take none)";
  if (!values.expectations.desiredFrequency)
    errors["expectations.desiredFrequency"] = "Choose how often you would like massage";
  return errors;
}

export function stepOfField(path: string): number {
  const i = REQUEST_STEPS.findIndex((s) =>
    (s.fields as readonly string[]).some((f) => path === f || path.startsWith(`${f}.`)),
  );
  return i === -1 ? REVIEW_STEP : i;
}

export function errorsForStep(errors: Record<string, ReactNode>, step: number): Record<string, ReactNode> {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => stepOfField(path) === step));
}
