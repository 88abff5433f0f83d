/**
 * Plain-text tables for the terminal: columns padded to their widest cell, numbers aligned
 * right.
 */

/** Column alignment. */
export type Alignment = 'left' | 'right';

/** The display width of a string: code points, ignoring ANSI colour codes. */
export function displayWidth(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences start with ESC.
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

function pad(text: string, width: number, alignment: Alignment): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignment === 'right' ? fill + text : text + fill;
}

/**
 * Renders a table with a header row and a rule under it; every line starts with `indent`
 * and has no trailing spaces.
 */
export function renderTable(
  headers: string[],
  rows: string[][],
  options: { align?: Alignment[]; indent?: string } = {},
): string {
  const indent = options.indent ?? '';
  const widths = headers.map((header, column) =>
    Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, column) => pad(cell ?? '', widths[column], options.align?.[column] ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((width) => '─'.repeat(width)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
