import {
  BODY_REGION_LABELS,
  DESIRED_FREQUENCY_LABELS,
  EXPECTATION_GOAL_LABELS,
  REFERRAL_KIND_LABELS,
  SYMPTOM_LABELS,
} from "@mm/domain";
import { FactItems, FactList, UserText } from "./fact-list";
import { formatDay, labelOf, plural } from "./format";
import { type HeadingOrder, Panel } from "./panel";
import { useAudience } from "./prescription-facts";
import type { Referral } from "./types";

type Expectation = Referral["expectations"]["goals"][number];

/** A custom goal is the patient's own words; listed goals read as their label. */
function expectationText(goal: Expectation): string {
  if (goal.kind === "custom") return goal.text?.trim() || EXPECTATION_GOAL_LABELS.custom;
  const label = labelOf(EXPECTATION_GOAL_LABELS, goal.kind);
  return goal.text ? `${label}: ${goal.text}` : label;
}

/** What the patient asked for and disclosed: the request every party reviews before acting. */
export function ReferralFacts({
  referral,
  title = "The request",
  headingOrder = 2,
}: {
  referral: Referral;
  title?: string;
  headingOrder?: HeadingOrder;
}) {
  const allergies = referral.patient.allergies ?? [];
  const audience = useAudience();
  return (
    <Panel title={title} headingOrder={headingOrder}>
      <FactList
        facts={[
          { label: "Kind of pain", value: labelOf(REFERRAL_KIND_LABELS, referral.kind) },
          ...(referral.onsetDate ? [{ label: "Started on", value: formatDay(referral.onsetDate) }] : []),
          {
            label: "Body regions",
            value: <FactItems items={referral.bodyRegions.map((r) => labelOf(BODY_REGION_LABELS, r))} />,
          },
          {
            label: "Symptoms",
            value: <FactItems items={referral.symptoms.map((s) => labelOf(SYMPTOM_LABELS, s))} />,
          },
          { label: "Pain now", value: `${referral.painNow} out of 10` },
          { label: "Typical evening pain", value: `${referral.eveningPain} out of 10` },
          { label: "Sleep", value: `${plural(referral.sleepHours, "hour")} a night` },
          {
            label: "Pain medication",
            value: `${plural(referral.medicationDosesPerDay, "dose")} a day`,
          },
          {
            label: audience === "patient" ? "In your words" : "In their words",
            value: <UserText>{referral.description}</UserText>,
          },
          { label: "Medical conditions", value: <FactItems items={referral.medicalConditions} /> },
          { label: "Medications", value: <FactItems items={referral.medications} /> },
          { label: "Allergies", value: <FactItems items={allergies} empty="None recorded" /> },
          {
            label: "Goals",
            value: <FactItems items={referral.expectations.goals.map(expectationText)} />,
          },
          {
            label: "Desired frequency",
            value: labelOf(DESIRED_FREQUENCY_LABELS, referral.expectations.desiredFrequency),
          },
        ]}
      />
    </Panel>
  );
}
