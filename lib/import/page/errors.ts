/**
 * Why a single scraped page could not be imported. The importer catches this per file,
 * records `code` for filtering/statistics and shows `message` (Simplified Chinese, written
 * for editors) in the import report; other files in the batch carry on.
 */
export type ImportParseErrorCode = 'EMPTY' | 'TOO_LARGE' | 'BINARY' | 'ENCODING' | 'NO_TITLE' | 'TITLE_TOO_LONG' | 'NO_BODY' | 'BODY_TOO_LARGE' | 'BAD_ITEM';

export class ImportParseError extends Error {
  readonly code: ImportParseErrorCode;
  /** 1-based line in the decoded text the problem was found on, when there is one. */
  readonly line: number | undefined;

  constructor(code: ImportParseErrorCode, message: string, options: { line?: number } = {}) {
    super(message);
    this.name = 'ImportParseError';
    this.code = code;
    this.line = options.line;
  }
}

export function isImportParseError(error: unknown): error is ImportParseError {
  return error instanceof ImportParseError;
}
