import { Text } from "@mantine/core";
import { isMaskedMemberId } from "@mm/domain";
import { FactItems, FactList, UserText } from "./fact-list";
import { formatCents, formatDay, yesNoUnknown } from "./format";
import { type HeadingOrder, Panel } from "./panel";
import type { Coverage } from "./types";

function requirements(coverage: NonNullable<Coverage>): string[] {
  const list: string[] = [];
  if (coverage.requiresLicense) list.push("A licensed therapist");
  if (coverage.requiresNpi) list.push("A therapist with an NPI");
  if (coverage.requiresInNetwork) list.push("An in-network therapist");
  return list;
}

/** The patient's insurance as they recorded it after calling the insurer (`coverage` is null until they do). */
export function CoverageSummary({
  coverage,
  title = "Insurance",
  headingOrder = 2,
}: {
  coverage: Coverage;
  title?: string;
  headingOrder?: HeadingOrder;
}) {
  if (!coverage) {
    return (
      <Panel title={title} headingOrder={headingOrder}>
        <Text c="dimmed">No insurance recorded yet.</Text>
      </Panel>
    );
  }
  const call = coverage.callDate
    ? `${formatDay(coverage.callDate)}${coverage.callReference ? `, reference ${coverage.callReference}` : ""}`
    : coverage.callReference
      ? `Reference ${coverage.callReference}`
      : "Not recorded";
  return (
    <Panel title={title} headingOrder={headingOrder}>
      <FactList
        facts={[
          { label: "Insurer", value: coverage.payerName },
          { label: "Plan", value: coverage.planName || "Not given" },
          {
            label: "Member ID",
            // An invited therapist reads only its last four characters until they accept.
            value: isMaskedMemberId(coverage.memberId)
              ? `Ending in ${coverage.memberId.replaceAll("•", "") || "(hidden)"}; shown in full once you accept`
              : coverage.memberId,
          },
          { label: "Group number", value: coverage.groupNumber || "Not given" },
          { label: "Massage covered with a prescription", value: yesNoUnknown(coverage.massageCovered) },
          { label: "Amount covered per session", value: formatCents(coverage.amountPerSessionCents) },
          {
            label: "Visits allowed per year",
            value: coverage.visitsPerYear == null ? "Not known" : String(coverage.visitsPerYear),
          },
          { label: "Prior authorization required", value: yesNoUnknown(coverage.priorAuthRequired) },
          {
            label: "Therapist requirements",
            value: <FactItems items={requirements(coverage)} empty="None" />,
          },
          { label: "Call with the insurer", value: call },
          ...(coverage.notes
            ? [{ label: "Notes from the call", value: <UserText>{coverage.notes}</UserText> }]
            : []),
        ]}
      />
    </Panel>
  );
}
