/**
 * Reading a user's CSV in the page (nothing is uploaded anywhere): numbers in rows, separated
 * by commas, semicolons, tabs or spaces; an optional header row of names; blank lines and
 * lines starting with '#' ignored. Every problem is reported with the row (the line number in
 * the file, as a spreadsheet shows it) and the column, so the user can find it.
 *
 * `readBinaryPatterns` reads patterns for Boltzmann machines: one pattern per row, every row
 * the same length, values 0/1 (or −1/+1 throughout, read as 0/1).
 */

/** A CSV problem, naming where it is. */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly row?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Numbers read from a CSV: `rows × columns`, row-major, and the file line of each row. */
export interface NumericTable {
  values: Float64Array;
  rows: number;
  columns: number;
  /** The 1-based file line of each row. */
  lines: number[];
  /** Column names, when the file has a header row. */
  header: string[] | null;
}

/** Limits on what is read. */
export interface CsvLimits {
  maxRows?: number;
  maxColumns?: number;
  minRows?: number;
  minColumns?: number;
}

/** Characters of text accepted (5 MB). */
export const MAX_CSV_CHARACTERS = 5_000_000;

const NUMBER = /^[+\-−]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function splitLine(line: string): string[] {
  const separator = line.includes(',') ? ',' : line.includes(';') ? ';' : line.includes('\t') ? '\t' : null;
  const cells = separator === null ? line.trim().split(/\s+/) : line.split(separator);
  return cells.map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
}

function parseNumber(cell: string): number {
  return NUMBER.test(cell) ? Number(cell.replace('−', '-')) : Number.NaN;
}

/** Reads a table of numbers; throws a {@link CsvError} naming the row and column of a problem. */
export function readNumericCsv(text: string, limits: CsvLimits = {}): NumericTable {
  const maxRows = limits.maxRows ?? 100_000;
  const maxColumns = limits.maxColumns ?? 4096;
  const minRows = limits.minRows ?? 1;
  const minColumns = limits.minColumns ?? 1;
  if (text.length > MAX_CSV_CHARACTERS) {
    throw new CsvError(`the file is too large: ${text.length} characters, at most ${MAX_CSV_CHARACTERS}`);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const values: number[] = [];
  const rowLines: number[] = [];
  let header: string[] | null = null;
  let columns = -1;
  let firstLine = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const row = index + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const cells = splitLine(line);
    const numbers = cells.map(parseNumber);
    if (columns < 0 && header === null && rowLines.length === 0 && numbers.every(Number.isNaN)) {
      header = cells;
      columns = cells.length;
      firstLine = row;
      continue;
    }
    if (columns < 0) {
      columns = cells.length;
      firstLine = row;
    }
    if (cells.length !== columns) {
      throw new CsvError(
        `row ${row} has ${cells.length} values, but row ${firstLine} has ${columns}: every row must have the same number of columns`,
        row,
      );
    }
    for (let column = 0; column < cells.length; column++) {
      if (Number.isNaN(numbers[column])) {
        const shown = cells[column] === '' ? 'an empty cell' : `"${cells[column].slice(0, 20)}"`;
        throw new CsvError(`row ${row}, column ${column + 1}: ${shown} is not a number`, row, column + 1);
      }
    }
    if (rowLines.length >= maxRows) throw new CsvError(`too many rows: at most ${maxRows} are read`, row);
    values.push(...numbers);
    rowLines.push(row);
  }
  if (rowLines.length < minRows) {
    throw new CsvError(`the file has ${rowLines.length} rows of numbers; at least ${minRows} are needed`);
  }
  if (columns < minColumns || columns > maxColumns) {
    throw new CsvError(
      `rows have ${columns} columns; the allowed number is ${minColumns} to ${maxColumns}`,
      firstLine,
    );
  }
  return { values: Float64Array.from(values), rows: rowLines.length, columns, lines: rowLines, header };
}

/** Binary patterns: `count × length` values, each 0 or 1. */
export interface BinaryPatterns {
  values: Float64Array;
  count: number;
  length: number;
}

/**
 * Reads binary patterns (one per row): values 0 or 1, or −1 and +1 throughout (read as 0 and 1).
 * Throws a {@link CsvError} naming the row and column of the first bad value.
 */
export function readBinaryPatterns(text: string, limits: CsvLimits = {}): BinaryPatterns {
  const table = readNumericCsv(text, {
    minRows: 2,
    minColumns: 2,
    maxColumns: 1024,
    maxRows: 10_000,
    ...limits,
  });
  const { values, rows, columns, lines } = table;
  const signs = values.some((value) => value === -1);
  for (let n = 0; n < values.length; n++) {
    const value = values[n];
    const allowed = signs ? value === -1 || value === 1 : value === 0 || value === 1;
    if (!allowed) {
      const row = lines[Math.floor(n / columns)];
      const column = (n % columns) + 1;
      throw new CsvError(
        signs
          ? `row ${row}, column ${column}: ${value} in a file of −1/+1 values (every value must be −1 or +1, or every value 0 or 1)`
          : `row ${row}, column ${column}: ${value} is not 0 or 1 (patterns are binary)`,
        row,
        column,
      );
    }
  }
  const out = signs ? values.map((value) => (value > 0 ? 1 : 0)) : values;
  return { values: out, count: rows, length: columns };
}
