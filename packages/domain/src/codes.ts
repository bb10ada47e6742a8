import { z } from "zod";

/**
 * Code lists a physician, therapist or patient picks from: a bundled subset of ICD-10-CM diagnoses that commonly
 * justify prescribed massage, the two timed CPT procedure codes, and the body regions and symptoms a patient reports.
 */
export const ICD10_CODES = [
  { code: "M54.50", label: "Low back pain, unspecified" },
  { code: "M54.51", label: "Vertebrogenic low back pain" },
  { code: "M54.59", label: "Other low back pain" },
  { code: "M54.2", label: "Cervicalgia (neck pain)" },
  { code: "M54.6", label: "Pain in thoracic spine" },
  { code: "M54.12", label: "Radiculopathy, cervical region" },
  { code: "M54.16", label: "Radiculopathy, lumbar region" },
  { code: "M54.17", label: "Radiculopathy, lumbosacral region" },
  { code: "M54.30", label: "Sciatica, unspecified side" },
  { code: "M53.0", label: "Cervicocranial syndrome" },
  { code: "M53.1", label: "Cervicobrachial syndrome" },
  { code: "M25.511", label: "Pain in right shoulder" },
  { code: "M25.512", label: "Pain in left shoulder" },
  { code: "M25.519", label: "Pain in unspecified shoulder" },
  { code: "M25.551", label: "Pain in right hip" },
  { code: "M25.552", label: "Pain in left hip" },
  { code: "M79.601", label: "Pain in right arm" },
  { code: "M79.602", label: "Pain in left arm" },
  { code: "M79.604", label: "Pain in right leg" },
  { code: "M79.605", label: "Pain in left leg" },
  { code: "M62.830", label: "Muscle spasm of back" },
  { code: "M62.831", label: "Muscle spasm of calf" },
  { code: "M62.838", label: "Other muscle spasm" },
  { code: "M79.10", label: "Myalgia, unspecified site" },
  { code: "M79.11", label: "Myalgia of mastication muscle" },
  { code: "M79.12", label: "Myalgia of auxiliary muscles, head and neck" },
  { code: "M79.18", label: "Myalgia, other site" },
  { code: "M79.7", label: "Fibromyalgia" },
  { code: "S13.4XXA", label: "Sprain of ligaments of cervical spine (whiplash), initial encounter" },
  { code: "S16.1XXA", label: "Strain of muscle, fascia and tendon at neck level, initial encounter" },
  { code: "S33.5XXA", label: "Sprain of ligaments of lumbar spine, initial encounter" },
  { code: "S39.012A", label: "Strain of muscle, fascia and tendon of lower back, initial encounter" },
  { code: "G44.209", label: "Tension-type headache, unspecified, not intractable" },
  { code: "R51.9", label: "Headache, unspecified" },
  { code: "G47.00", label: "Insomnia, unspecified" },
  { code: "F41.9", label: "Anxiety disorder, unspecified" },
] as const satisfies readonly { code: string; label: string }[];

export type Icd10Code = (typeof ICD10_CODES)[number]["code"];
const ICD10_VALUES = ICD10_CODES.map((c) => c.code) as [Icd10Code, ...Icd10Code[]];
export const ICD10_LABELS = Object.fromEntries(ICD10_CODES.map((c) => [c.code, c.label])) as Record<
  Icd10Code,
  string
>;
export const icd10CodeSchema = z.enum(ICD10_VALUES, { error: "Unknown ICD-10-CM code" });

const searchWords = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter(Boolean);

/**
 * Whether every word typed starts a word of the label ("hip" finds "Pain in right hip", not "whiplash"; "m54"
 * finds "M54.50"), in any order. Substring search offers nonsense in a clinical code list.
 */
export function matchesWordStarts(label: string, search: string): boolean {
  const typed = searchWords(search);
  if (typed.length === 0) return true;
  const own = searchWords(label);
  return typed.every((t) => own.some((w) => w.startsWith(t)));
}

/** The bundled diagnoses whose code or label matches what was typed (see matchesWordStarts). */
export const searchIcd10 = (search: string) =>
  ICD10_CODES.filter((c) => matchesWordStarts(`${c.code} ${c.label}`, search));

/** Timed codes: one unit per 15 minutes, counted by the 8-minute rule (see session-units.ts). */
export const CPT_CODES = [
  { code: "97124", label: "Massage therapy, each 15 minutes" },
  { code: "97140", label: "Manual therapy techniques, each 15 minutes" },
] as const satisfies readonly { code: string; label: string }[];

export type CptCode = (typeof CPT_CODES)[number]["code"];
const CPT_VALUES = CPT_CODES.map((c) => c.code) as [CptCode, ...CptCode[]];
export const CPT_LABELS = Object.fromEntries(CPT_CODES.map((c) => [c.code, c.label])) as Record<
  CptCode,
  string
>;
export const cptCodeSchema = z.enum(CPT_VALUES, { error: "Unknown CPT code: use 97124 or 97140" });

export const BODY_REGIONS = [
  "lower_back",
  "upper_back",
  "neck",
  "shoulders",
  "hips",
  "legs",
  "arms",
  "head",
] as const;
export type BodyRegion = (typeof BODY_REGIONS)[number];
export const BODY_REGION_LABELS: Record<BodyRegion, string> = {
  lower_back: "Lower back",
  upper_back: "Upper back",
  neck: "Neck",
  shoulders: "Shoulders",
  hips: "Hips",
  legs: "Legs",
  arms: "Arms",
  head: "Head",
};
export const bodyRegionSchema = z.enum(BODY_REGIONS, { error: "Choose a listed body region" });

export const SYMPTOMS = [
  "pain",
  "muscle_spasm",
  "stiffness",
  "insomnia",
  "anxiety",
  "headache",
  "numbness_tingling",
  "limited_mobility",
] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export const SYMPTOM_LABELS: Record<Symptom, string> = {
  pain: "Pain",
  muscle_spasm: "Muscle spasm",
  stiffness: "Stiffness",
  insomnia: "Trouble sleeping",
  anxiety: "Anxiety",
  headache: "Headache",
  numbness_tingling: "Numbness or tingling",
  limited_mobility: "Limited movement",
};
export const symptomSchema = z.enum(SYMPTOMS, { error: "Choose a listed symptom" });
