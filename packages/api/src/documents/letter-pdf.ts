import { LETTER_GOAL_STATUS_LABELS } from "@mm/domain";
import type { LetterDocument } from "./document-queries";
import { fields, type PaperSize, type PdfDocument, table } from "./pdf";
import { prescriberPatientDiagnoses, printedInstant } from "./prescription-pdf";

const shown = (n: number | null, unit: string) => (n === null ? "not measured" : `${n} ${unit}`.trim());

/**
 * The signed letter: narrative, the complete goal table (its header repeats on every page and no row is dropped
 * or split at a page break; statuses are words, never cut), signature and hash.
 */
export function letterPdf(d: LetterDocument, now: Date, paper: PaperSize): PdfDocument {
  const l = d.letter;
  return {
    title: "Letter of medical necessity",
    createdAt: now,
    paper,
    content: [
      { text: "Letter of medical necessity", style: "title" },
      ...prescriberPatientDiagnoses(
        { name: l.physicianName, npi: l.physicianNpi, diagnosisCodes: l.diagnosisCodes },
        d,
      ),
      { text: "Statement of medical necessity", style: "heading" },
      ...l.narrative
        .split(/\n{2,}/)
        .map((para) => ({ text: para, margin: [0, 0, 0, 6] as [number, number, number, number] })),
      { text: `Treatment goals (${l.goals.length})`, style: "heading" },
      table(
        ["Goal", "Baseline", "Target", "By", "Latest", "Status"],
        l.goals.map((g) => [
          g.name,
          shown(g.baseline, g.unit),
          shown(g.target, g.unit),
          g.byDate,
          shown(g.latest, g.unit),
          LETTER_GOAL_STATUS_LABELS[g.status],
        ]),
        ["*", "auto", "auto", "auto", "auto", "auto"],
      ),
      { text: "Signature", style: "heading" },
      fields([
        ["Signed by", l.signature],
        ["Signed at", printedInstant(l.signedAt)],
        ["Letter", `${l.id}, version ${l.version}`],
        ["Supersedes", l.previousLetterId ?? "none (first version)"],
        ["Content hash (SHA-256)", l.contentHash],
      ]),
    ],
  };
}
