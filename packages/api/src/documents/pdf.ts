import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";

/**
 * Server-side PDFs with pdfmake (see docs/decisions/0001-pdf-library.md): tables that break across pages repeat
 * their header rows and never drop a row, text wraps instead of being cut, and the 14 standard PDF fonts need no
 * font files. Documents never load images or fonts from a URL or the disk.
 */
const HELVETICA = {
  normal: "Helvetica",
  bold: "Helvetica-Bold",
  italics: "Helvetica-Oblique",
  bolditalics: "Helvetica-BoldOblique",
};
pdfmake.setFonts({ Helvetica: HELVETICA });
// The standard fonts are built into PDFKit and go through the local-file check by name; nothing else may load.
const BUILT_IN_FONTS = new Set(Object.values(HELVETICA));
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => BUILT_IN_FONTS.has(path));

export const PAPER_SIZES = ["LETTER", "A4", "A5", "LEGAL"] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export type PdfDocument = {
  title: string;
  /** Stamped in the PDF's metadata and footer. */
  createdAt: Date;
  content: Content[];
  paper?: PaperSize;
};

export async function renderPdf(doc: PdfDocument): Promise<Uint8Array> {
  const definition: TDocumentDefinitions = {
    info: { title: doc.title, creator: "Prescribed Massage", producer: "Prescribed Massage" },
    pageSize: doc.paper ?? "LETTER",
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: "Helvetica", fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
      label: { bold: true },
      small: { fontSize: 8, color: "#444444" },
      tableHeader: { bold: true, fillColor: "#eeeeee" },
    },
    footer: (page, pages) => ({
      text: `${doc.title} · page ${page} of ${pages}`,
      style: "small",
      alignment: "center",
      margin: [0, 20, 0, 0],
    }),
    content: doc.content,
  };
  const buffer = await pdfmake.createPdf(definition).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** "Label: value" lines; a missing value is said, never left blank. */
export const fields = (rows: [string, string | null | undefined][]): Content =>
  rows.map(([label, value]) => ({
    text: [{ text: `${label}: `, style: "label" }, value?.trim() ? value : "not on file"],
  }));

/** A table whose first row is the header, repeated on every page it spans; rows never split across pages. */
export function table(header: string[], rows: string[][], widths?: (string | number)[]): Content {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: widths ?? header.map(() => "*"),
      body: [header.map((h) => ({ text: h, style: "tableHeader" })), ...rows],
    },
    layout: "lightHorizontalLines",
    margin: [0, 4, 0, 8],
  };
}

export const usd = (cents: number) =>
  `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
