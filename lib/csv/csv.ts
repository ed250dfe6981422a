// CSV files the admin downloads (import reports, the audit log), read by spreadsheet apps.

/**
 * One CSV cell. Spreadsheet apps run a cell that starts with = + - @ (or a tab / carriage
 * return before one) as a formula, and file names and titles come from outside: such a cell
 * is prefixed with an apostrophe so it is shown as text (the OWASP recommendation). Every
 * cell is quoted, so commas, quotes and line breaks stay inside it.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  // A BOM makes Excel read the file as UTF-8 (Chinese text); CRLF is what RFC 4180 specifies.
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
