/**
 * A small RFC 4180 CSV reader (quoted fields may hold commas, quotes and newlines). Bounded: a field
 * longer than `maxField` characters or a row with more than `maxFields` fields is an error naming
 * the line, never a runaway buffer; the scan is a single pass over the text.
 */
import { E, fail } from '../../core/errors.js';

export interface CsvOptions {
  maxField?: number;
  maxFields?: number;
  /** Name shown in errors. */
  name?: string;
}

/** Rows of the text as arrays of strings; `line` is the 1-based line where each row starts. */
export function* parseCsv(text: string, options: CsvOptions = {}): Generator<{ line: number; cells: string[] }> {
  const maxField = options.maxField ?? 1_000_000;
  const maxFields = options.maxFields ?? 1000;
  const name = options.name ?? 'CSV';
  let i = 0;
  let line = 1;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const rowLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) fail(E.BAD_DATA_FILE, `${name}: line ${rowLine}: a quoted field is never closed`);
          const piece = text.slice(i, q);
          for (let k = 0; k < piece.length; k++) if (piece.charCodeAt(k) === 10) line++;
          cell += piece;
          if (text[q + 1] === '"') {
            cell += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
          if (cell.length > maxField) fail(E.BAD_DATA_FILE, `${name}: line ${rowLine}: a field is longer than ${maxField} characters`);
        }
        if (cell.length > maxField) fail(E.BAD_DATA_FILE, `${name}: line ${rowLine}: a field is longer than ${maxField} characters`);
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') fail(E.BAD_DATA_FILE, `${name}: line ${line}: unexpected character after a quoted field`);
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        if (j - i > maxField) fail(E.BAD_DATA_FILE, `${name}: line ${rowLine}: a field is longer than ${maxField} characters`);
        cell = text.slice(i, j);
        i = j;
      }
      cells.push(cell);
      if (cells.length > maxFields) fail(E.BAD_DATA_FILE, `${name}: line ${rowLine}: more than ${maxFields} fields`);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    if (cells.length === 1 && cells[0] === '') continue; // blank line
    yield { line: rowLine, cells };
  }
}

/** Rows as objects keyed by the header row. */
export function* csvRecords(text: string, options: CsvOptions = {}): Generator<{ line: number; record: Record<string, string> }> {
  let header: string[] | null = null;
  for (const { line, cells } of parseCsv(text, options)) {
    if (!header) {
      header = cells;
      continue;
    }
    if (cells.length !== header.length) fail(E.BAD_DATA_FILE, `${options.name ?? 'CSV'}: line ${line}: ${cells.length} fields, the header has ${header.length}`);
    const record: Record<string, string> = {};
    header.forEach((h, k) => (record[h] = cells[k]!));
    yield { line, record };
  }
}
