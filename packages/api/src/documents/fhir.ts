import {
  CPT_LABELS,
  type CptCode,
  GOAL_MEASURE_INFO,
  goalName,
  ICD10_LABELS,
  type Icd10Code,
} from "@mm/domain";
import type { Episode } from "./fhir-queries";
import { billedServices } from "./visit-services";

/**
 * The FHIR R4 mapping of an episode of care. Ids are our UUIDs with a per-type prefix where one row becomes several
 * resources (a session: an Encounter, and a Procedure per service, suffixed with its CPT code when there are
 * several), so every `Type/id` is unique in a Bundle; references are relative (`Type/id`) and resolve against each
 * entry's fullUrl. Code systems are the canonical URIs.
 */

export type FhirResource = { resourceType: string; id: string; [key: string]: unknown };

const SYSTEM = {
  npi: "http://hl7.org/fhir/sid/us-npi",
  icd10cm: "http://hl7.org/fhir/sid/icd-10-cm",
  cpt: "http://www.ama-assn.org/go/cpt",
  loinc: "http://loinc.org",
  ucum: "http://unitsofmeasure.org",
  actCode: "http://terminology.hl7.org/CodeSystem/v3-ActCode",
  coverageClass: "http://terminology.hl7.org/CodeSystem/coverage-class",
  observationCategory: "http://terminology.hl7.org/CodeSystem/observation-category",
  goalAchievement: "http://terminology.hl7.org/CodeSystem/goal-achievement",
  signatureType: "urn:iso-astm:E1762-95:2013",
  v20360: "http://terminology.hl7.org/CodeSystem/v2-0360",
  // Our own identifiers (state license numbers have no national system).
  license: "urn:prescribed-massage:state-license",
} as const;

const LOINC = {
  pain: { code: "72514-3", display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported" },
  sleep: { code: "93832-4", display: "Sleep duration" },
} as const;

const ref = (type: string, id: string, display?: string) => ({
  reference: `${type}/${id}`,
  ...(display ? { display } : {}),
});
const dt = (d: Date) => d.toISOString();
const painQuantity = (value: number) => ({ value, unit: "{score}", system: SYSTEM.ucum, code: "{score}" });
const hoursQuantity = (value: number) => ({ value, unit: "h", system: SYSTEM.ucum, code: "h" });

const TASK_STATUS: Record<Episode["referral"]["status"], string> = {
  requested: "requested",
  needs_info: "on-hold",
  declined: "rejected",
  cancelled: "cancelled",
  prescribed: "accepted",
  awaiting_therapist: "ready",
  planning: "in-progress",
  active: "in-progress",
  completed: "completed",
  discontinued: "cancelled",
  expired: "failed",
};

/** Every resource of one episode, with the absolute fullUrl of each under `base` (…/fhir/R4). */
export function episodeResources(e: Episode, base: string, now: Date): FhirResource[] {
  const r = e.referral;
  const nameOf = (id: string) => e.users.find((u) => u.id === id)?.name ?? "";
  const patientRef = ref("Patient", r.patientId, nameOf(r.patientId));
  const physicianRef = ref("Practitioner", r.physicianId, nameOf(r.physicianId));
  const therapistRef = r.therapistId ? ref("Practitioner", r.therapistId, nameOf(r.therapistId)) : null;
  const personRef = (id: string) =>
    id === r.patientId ? ref("Patient", id, nameOf(id)) : ref("Practitioner", id, nameOf(id));
  const out: FhirResource[] = [];

  out.push({
    resourceType: "Patient",
    id: r.patientId,
    name: [{ text: nameOf(r.patientId) }],
    ...(e.patientProfile?.dateOfBirth ? { birthDate: e.patientProfile.dateOfBirth } : {}),
    ...(e.patientProfile?.phone ? { telecom: [{ system: "phone", value: e.patientProfile.phone }] } : {}),
    ...(e.patientProfile?.state ? { address: [{ state: e.patientProfile.state, country: "US" }] } : {}),
  });

  const dp = e.physicianProfile;
  out.push({
    resourceType: "Practitioner",
    id: r.physicianId,
    ...(dp?.npi ? { identifier: [{ system: SYSTEM.npi, value: dp.npi }] } : {}),
    name: [{ text: nameOf(r.physicianId) }],
    ...(dp?.phone ? { telecom: [{ system: "phone", value: dp.phone }] } : {}),
    qualification: [
      {
        code: { coding: [{ system: SYSTEM.v20360, code: "MD", display: "Doctor of Medicine" }] },
        ...(dp?.state ? { issuer: { display: `${dp.state} medical board` } } : {}),
      },
    ],
  });
  out.push({
    resourceType: "PractitionerRole",
    id: `role-${r.physicianId}`,
    active: true,
    practitioner: physicianRef,
    ...(dp?.practice ? { organization: { display: dp.practice } } : {}),
    code: [{ text: "Referring physician" }],
  });

  const tp = e.therapistProfile;
  if (r.therapistId && therapistRef) {
    out.push({
      resourceType: "Practitioner",
      id: r.therapistId,
      ...(tp?.npi ? { identifier: [{ system: SYSTEM.npi, value: tp.npi }] } : {}),
      name: [{ text: nameOf(r.therapistId) }],
      ...(tp?.credentialKind && tp.credentialKind !== "none"
        ? {
            qualification: [
              {
                ...(tp.credentialNumber
                  ? {
                      identifier: [
                        {
                          system: `${SYSTEM.license}:${tp.credentialState ?? "US"}`,
                          value: tp.credentialNumber,
                        },
                      ],
                    }
                  : {}),
                code: { text: `Massage therapist ${tp.credentialKind}` },
                ...(tp.credentialExpiresOn ? { period: { end: tp.credentialExpiresOn } } : {}),
                ...(tp.credentialState
                  ? { issuer: { display: `${tp.credentialState} massage therapy board` } }
                  : {}),
              },
            ],
          }
        : {}),
    });
    out.push({
      resourceType: "PractitionerRole",
      id: `role-${r.therapistId}`,
      active: true,
      practitioner: therapistRef,
      code: [{ text: "Massage therapist" }],
      ...(tp?.specialties.length ? { specialty: tp.specialties.map((s) => ({ text: s })) } : {}),
    });
  }

  if (e.coverage) {
    const c = e.coverage;
    out.push({
      resourceType: "Coverage",
      id: c.id,
      status: "active",
      subscriberId: c.memberId,
      beneficiary: patientRef,
      payor: [{ display: c.payerName }],
      ...(c.groupNumber || c.planName
        ? {
            class: [
              ...(c.groupNumber
                ? [
                    {
                      type: { coding: [{ system: SYSTEM.coverageClass, code: "group" }] },
                      value: c.groupNumber,
                    },
                  ]
                : []),
              ...(c.planName
                ? [{ type: { coding: [{ system: SYSTEM.coverageClass, code: "plan" }] }, value: c.planName }]
                : []),
            ],
          }
        : {}),
    });
  }

  const current = e.prescriptions.at(-1) ?? null;
  for (const rx of e.prescriptions) {
    const superseded = rx !== current;
    out.push({
      resourceType: "ServiceRequest",
      id: rx.id,
      status: superseded
        ? "completed"
        : r.status === "active" || r.status === "planning"
          ? "active"
          : "completed",
      intent: "order",
      code: {
        coding: rx.cptCodes.map((code) => ({
          system: SYSTEM.cpt,
          code,
          display: CPT_LABELS[code as CptCode] ?? code,
        })),
        text: "Medical massage therapy",
      },
      subject: patientRef,
      requester: physicianRef,
      ...(therapistRef ? { performer: [therapistRef] } : {}),
      authoredOn: dt(rx.signedAt),
      reasonCode: rx.diagnosisCodes.map((code) => ({
        coding: [{ system: SYSTEM.icd10cm, code, display: ICD10_LABELS[code as Icd10Code] ?? code }],
      })),
      occurrenceTiming: {
        repeat: {
          boundsPeriod: { start: rx.validFrom, end: rx.expiresOn },
          frequency: rx.sessionsPerWeek,
          period: 1,
          periodUnit: "wk",
        },
      },
      quantityQuantity: { value: rx.totalSessions, unit: "sessions" },
      bodySite: rx.bodyRegions.map((b) => ({ text: b.replaceAll("_", " ") })),
      ...(rx.previousPrescriptionId ? { replaces: [ref("ServiceRequest", rx.previousPrescriptionId)] } : {}),
      ...(e.coverage ? { insurance: [ref("Coverage", e.coverage.id)] } : {}),
      ...(rx.precautions ? { note: [{ text: `Precautions: ${rx.precautions}` }] } : {}),
    });
    out.push({
      resourceType: "Provenance",
      id: `sig-${rx.id}`,
      target: [ref("ServiceRequest", rx.id)],
      recorded: dt(rx.signedAt),
      agent: [{ who: physicianRef }],
      signature: [
        {
          type: [
            { system: SYSTEM.signatureType, code: "1.2.840.10065.1.12.1.1", display: "Author's Signature" },
          ],
          when: dt(rx.signedAt),
          who: physicianRef,
          sigFormat: "text/plain",
          data: Buffer.from(`${rx.signature}; sha256:${rx.contentHash}`).toString("base64"),
        },
      ],
    });
  }

  out.push({
    resourceType: "Task",
    id: `task-${r.id}`,
    status: TASK_STATUS[r.status],
    businessStatus: { text: r.status },
    intent: "order",
    ...(current ? { focus: ref("ServiceRequest", current.id) } : {}),
    for: patientRef,
    authoredOn: dt(r.createdAt),
    lastModified: dt(r.updatedAt),
    requester: patientRef,
    owner: therapistRef ?? physicianRef,
    description: r.description,
  });

  const goalIds = e.goals.map((g) => g.id);
  for (const g of e.goals) {
    const measure =
      g.measure === "pain" || g.measure === "evening_pain"
        ? LOINC.pain
        : g.measure === "sleep_hours"
          ? LOINC.sleep
          : null;
    const unit = g.measure === "custom" ? (g.customUnit ?? "") : GOAL_MEASURE_INFO[g.measure].unit;
    out.push({
      resourceType: "Goal",
      id: g.id,
      lifecycleStatus: r.status === "completed" ? "completed" : "active",
      description: { text: goalName(g) },
      subject: patientRef,
      target: [
        {
          measure: measure
            ? { coding: [{ system: SYSTEM.loinc, ...measure }], text: goalName(g) }
            : { text: goalName(g) },
          detailQuantity:
            measure === LOINC.sleep
              ? hoursQuantity(g.target)
              : measure
                ? painQuantity(g.target)
                : { value: g.target, unit },
          dueDate: g.byDate,
        },
      ],
      note: [{ text: `Baseline ${g.baseline} ${unit}`.trim() }],
    });
  }

  if (e.plan) {
    const p = e.plan;
    out.push({
      resourceType: "CarePlan",
      id: p.plan.id,
      status:
        r.status === "active"
          ? "active"
          : r.status === "planning"
            ? "draft"
            : r.status === "completed"
              ? "completed"
              : "revoked",
      intent: "plan",
      title: `Plan of care, version ${p.version.version}`,
      description: p.version.content.frequency,
      subject: patientRef,
      ...(current ? { basedOn: [ref("ServiceRequest", current.id)] } : {}),
      created: dt(p.version.createdAt),
      author: personRef(p.version.authorId),
      goal: goalIds.map((id) => ref("Goal", id)),
      activity: current ? [{ reference: ref("ServiceRequest", current.id) }] : [],
      note: [
        ...(p.version.content.precautions ? [{ text: `Precautions: ${p.version.content.precautions}` }] : []),
        ...(p.version.content.homeCare ? [{ text: `Home care: ${p.version.content.homeCare}` }] : []),
      ],
    });
  }

  for (const s of e.sessions) {
    const end = new Date(s.occurredAt.getTime() + s.minutes * 60_000);
    const therapist = ref("Practitioner", s.therapistId, nameOf(s.therapistId));
    out.push({
      resourceType: "Encounter",
      id: `enc-${s.id}`,
      status: "finished",
      class: { system: SYSTEM.actCode, code: "AMB", display: "ambulatory" },
      subject: patientRef,
      participant: [{ individual: therapist }],
      period: { start: dt(s.occurredAt), end: dt(end) },
      length: { value: s.minutes, unit: "min", system: SYSTEM.ucum, code: "min" },
      basedOn: [ref("ServiceRequest", s.prescriptionId)],
    });
    // One Procedure per service of the visit (97124 and 97140 are two procedures), units by the 8-minute rule.
    const services = billedServices(s);
    for (const service of services) {
      out.push({
        resourceType: "Procedure",
        id: services.length > 1 ? `proc-${s.id}-${service.cptCode}` : `proc-${s.id}`,
        status: "completed",
        code: {
          coding: [
            {
              system: SYSTEM.cpt,
              code: service.cptCode,
              display: CPT_LABELS[service.cptCode as CptCode] ?? service.cptCode,
            },
          ],
        },
        subject: patientRef,
        encounter: ref("Encounter", `enc-${s.id}`),
        performedPeriod: { start: dt(s.occurredAt), end: dt(end) },
        performer: [{ actor: therapist }],
        basedOn: [ref("ServiceRequest", s.prescriptionId)],
        bodySite: s.bodyRegions.map((b) => ({ text: b.replaceAll("_", " ") })),
        note: [
          {
            text: `${service.minutes} min, ${service.units} unit(s); ${s.techniques.join(", ")}; pressure ${s.pressure}`,
          },
        ],
      });
    }
    out.push(
      observation(
        `pain-before-${s.id}`,
        LOINC.pain,
        painQuantity(s.painBefore),
        s.occurredAt,
        patientRef,
        therapist,
        `enc-${s.id}`,
      ),
    );
  }

  for (const p of e.reports) {
    out.push(
      observation(`pain-${p.id}`, LOINC.pain, painQuantity(p.painNow), p.createdAt, patientRef, patientRef),
    );
    out.push(
      observation(
        `sleep-${p.id}`,
        LOINC.sleep,
        hoursQuantity(p.sleepHours),
        p.createdAt,
        patientRef,
        patientRef,
      ),
    );
    out.push({
      resourceType: "Observation",
      id: `doses-${p.id}`,
      status: "final",
      code: { text: "Pain medication doses per day" },
      subject: patientRef,
      effectiveDateTime: dt(p.createdAt),
      performer: [patientRef],
      valueQuantity: { value: p.medicationDoses, unit: "doses/day", system: SYSTEM.ucum, code: "{doses}/d" },
    });
  }

  for (const m of e.messages) {
    out.push({
      resourceType: "Communication",
      id: m.id,
      status: "completed",
      subject: patientRef,
      sent: dt(m.createdAt),
      sender: personRef(m.authorId),
      payload: [{ contentString: m.body }],
    });
  }

  const documentRef = (
    id: string,
    title: string,
    url: string,
    contentType: string,
    date: Date,
    author: ReturnType<typeof ref>,
    extra: Record<string, unknown> = {},
  ): FhirResource => ({
    resourceType: "DocumentReference",
    id,
    status: "current",
    type: { text: title },
    subject: patientRef,
    date: dt(date),
    author: [author],
    content: [{ attachment: { contentType, url, title, ...extra } }],
  });
  const origin = base.replace(/\/fhir\/R4$/, "");
  for (const rx of e.prescriptions) {
    out.push(
      documentRef(
        `doc-${rx.id}`,
        "Prescription",
        `${origin}/documents/prescriptions/${rx.id}.pdf`,
        "application/pdf",
        rx.signedAt,
        physicianRef,
      ),
    );
  }
  for (const l of e.letters) {
    out.push(
      documentRef(
        `doc-${l.id}`,
        `Letter of medical necessity, version ${l.version}`,
        `${origin}/documents/letters/${l.id}.pdf`,
        "application/pdf",
        l.signedAt,
        physicianRef,
      ),
    );
    out.push({
      resourceType: "Provenance",
      id: `sig-${l.id}`,
      target: [ref("DocumentReference", `doc-${l.id}`)],
      recorded: dt(l.signedAt),
      agent: [{ who: physicianRef }],
      signature: [
        {
          type: [
            { system: SYSTEM.signatureType, code: "1.2.840.10065.1.12.1.1", display: "Author's Signature" },
          ],
          when: dt(l.signedAt),
          who: physicianRef,
          sigFormat: "text/plain",
          data: Buffer.from(`${l.signature}; sha256:${l.contentHash}`).toString("base64"),
        },
      ],
    });
  }
  for (const f of e.files) {
    out.push(
      documentRef(
        `doc-${f.id}`,
        f.name,
        `${origin}/files/${f.id}`,
        f.mediaType,
        f.createdAt,
        personRef(f.uploaderId),
        {
          size: f.sizeBytes,
          hash: Buffer.from(f.sha256, "hex").toString("base64"),
        },
      ),
    );
  }
  void now;
  return out;
}

function observation(
  id: string,
  code: { code: string; display: string },
  valueQuantity: Record<string, unknown>,
  at: Date,
  subject: ReturnType<typeof ref>,
  performer: ReturnType<typeof ref>,
  encounterId?: string,
): FhirResource {
  return {
    resourceType: "Observation",
    id,
    status: "final",
    category: [{ coding: [{ system: SYSTEM.observationCategory, code: "survey" }] }],
    code: { coding: [{ system: SYSTEM.loinc, ...code }] },
    subject,
    ...(encounterId ? { encounter: ref("Encounter", encounterId) } : {}),
    effectiveDateTime: dt(at),
    performer: [performer],
    valueQuantity,
  };
}

/** A Bundle of type collection; entries deduplicated by fullUrl (a patient's referrals share Patient and people). */
export function collectionBundle(id: string, resources: FhirResource[], base: string, now: Date) {
  const seen = new Map<string, FhirResource>();
  for (const r of resources) seen.set(`${base}/${r.resourceType}/${r.id}`, r);
  return {
    resourceType: "Bundle",
    id,
    type: "collection",
    timestamp: now.toISOString(),
    entry: [...seen].map(([fullUrl, resource]) => ({ fullUrl, resource })),
  };
}

/** GET /fhir/R4/metadata. */
export function capabilityStatement(base: string, now: Date) {
  return {
    resourceType: "CapabilityStatement",
    status: "active",
    date: now.toISOString(),
    kind: "instance",
    software: { name: "Prescribed Massage" },
    implementation: { description: "Prescribed Massage FHIR R4 export", url: base },
    fhirVersion: "4.0.1",
    format: ["application/fhir+json"],
    rest: [
      {
        mode: "server",
        documentation:
          "Read-only export. GET [base]/referrals/{id}: a Bundle (collection) of one episode of care. The session cookie of a party of the referral is required.",
        resource: [
          {
            type: "Patient",
            operation: [
              {
                name: "everything",
                definition: "http://hl7.org/fhir/OperationDefinition/Patient-everything",
              },
            ],
          },
        ],
      },
    ],
  };
}
