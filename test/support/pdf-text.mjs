// Prints the text of a PDF (path in argv[2]) as JSON, read back with pdf.js through pdf-parse.
// It runs in its own Node process because pdf.js is an ES module that loads a worker, which
// jest's module system cannot do.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { PDFParse } from 'pdf-parse';

const parser = new PDFParse({ data: readFileSync(process.argv[2]) });
try {
  const result = await parser.getText();
  process.stdout.write(JSON.stringify({ total: result.total, text: result.text }));
} finally {
  await parser.destroy();
}
