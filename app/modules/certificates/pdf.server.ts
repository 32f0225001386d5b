// PDF attestations (a webinar certificate, a yearly training-hours attestation) with pdfkit and
// the Titillium Web font shipped under resources/fonts (SIL Open Font License, the typeface of
// the Italian public administration's design system), embedded as a subset. QR codes are drawn
// as vector squares from the `qrcode` package's matrix (sharp at any zoom, no image decoding).
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

const FONT_DIR = path.resolve(process.cwd(), "resources/fonts");
// Read once per process: every document used to read both files from disk again.
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const fontFiles = () =>
  (fonts ??= { regular: readFileSync(path.join(FONT_DIR, "TitilliumWeb-Regular.ttf")), bold: readFileSync(path.join(FONT_DIR, "TitilliumWeb-Bold.ttf")) });

export type PdfLine = { text: string; size?: number; bold?: boolean; gapBefore?: number };

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const cell = size / (count + 8); // a 4-module quiet zone on each side
  doc.save();
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
    }
  }
  doc.fill("#000000");
  doc.restore();
}

/** An A4 document: lines of text top to bottom, an optional table, lines after it (`after`), an optional QR code with its caption at the bottom. */
export async function renderPdf(options: { title: string; lines: PdfLine[]; qr?: { url: string; caption: string }; table?: { header: string[]; rows: string[][]; widths: number[] }; after?: PdfLine[] }): Promise<Buffer> {
  // font null: pdfkit would otherwise parse its Helvetica metrics for every document, never used here.
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: options.title, Producer: "CO-OP", Creator: "CO-OP" }, lang: "it-IT", displayTitle: true, font: null as unknown as string });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("regular", fontFiles().regular);
  doc.registerFont("bold", fontFiles().bold);
  doc.font("regular");
  for (const line of options.lines) {
    if (line.gapBefore) doc.moveDown(line.gapBefore);
    doc.font(line.bold ? "bold" : "regular").fontSize(line.size ?? 12).fillColor("#17324d").text(line.text, { align: "center" });
  }
  if (options.table) {
    const { header, rows, widths } = options.table;
    const left = doc.page.margins.left;
    const drawRow = (cells: string[], bold: boolean) => {
      if (doc.y > doc.page.height - 120) doc.addPage();
      const y = doc.y;
      let x = left;
      let height = 0;
      doc.font(bold ? "bold" : "regular").fontSize(10).fillColor("#000000");
      cells.forEach((cell, i) => {
        // A cell that fits on one line is drawn without pdfkit's line wrapper, which dominated the
        // time of a table of a few hundred rows; longer cells still wrap within the column.
        const fits = doc.widthOfString(cell) <= widths[i] - 6;
        doc.text(cell, x, y, fits ? { lineBreak: false } : { width: widths[i] - 6 });
        // Without the wrapper pdfkit does not move down: a single line is one line's height.
        height = Math.max(height, fits ? doc.currentLineHeight(true) : doc.y - y);
        x += widths[i];
      });
      doc.x = left;
      doc.y = y + height + 4;
    };
    doc.moveDown(1);
    drawRow(header, true);
    for (const row of rows) drawRow(row, false);
  }
  for (const line of options.after ?? []) {
    if (line.gapBefore) doc.moveDown(line.gapBefore);
    doc.font(line.bold ? "bold" : "regular").fontSize(line.size ?? 12).fillColor("#17324d").text(line.text, doc.page.margins.left, doc.y, { align: "center", width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
  }
  if (options.qr) {
    const size = 110;
    const x = (doc.page.width - size) / 2;
    const y = doc.page.height - doc.page.margins.bottom - size - 40;
    drawQr(doc, options.qr.url, x, y, size);
    doc.font("regular").fontSize(9).fillColor("#000000").text(options.qr.caption, doc.page.margins.left, y + size + 6, { align: "center", width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
  }
  doc.end();
  return done;
}

export function pdfResponse(pdf: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
