/** Test support: the text of a PDF, read back with pdf.js (unpdf), one string per page, whitespace collapsed. */
import { extractText, getDocumentProxy } from "unpdf";

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return (text as string[]).map((t) => t.replace(/\s+/g, " ").trim());
}

export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).join(" ");
}
