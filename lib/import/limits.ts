// Limits on what one import accepts. Each is checked before the bytes are read or inflated
// where that is possible (file sizes from the file system, uncompressed sizes from a zip's
// central directory), and the real size is enforced again while reading. Pure constants: the
// upload form imports this file too.

/** One scraped page: real pages are ~15 KB; anything this big is not a scraped Q&A page. */
export const MAX_PAGE_BYTES = 1024 * 1024;
/** A .zip read from disk or uploaded. */
export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;
/** Entries in one archive, directories and skipped system files included. */
export const MAX_ARCHIVE_ENTRIES = 10_000;
/** Sum of the uncompressed sizes of an archive's entries (about 10,000 real pages). */
export const MAX_ARCHIVE_TOTAL_BYTES = 200 * 1024 * 1024;
/** An NDJSON export file (CLI only) and one line of it. */
export const MAX_EXPORT_FILE_BYTES = 1024 * 1024 * 1024;
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;
/** Files chosen in one upload, and their total size: under serverActions.bodySizeLimit (20mb in
 * next.config.ts), leaving room for the multipart envelope. */
export const MAX_UPLOAD_FILES = 500;
export const MAX_UPLOAD_BYTES = 19 * 1024 * 1024;
/** Longest file or entry name accepted (in characters). */
export const MAX_NAME_LENGTH = 500;
/** How long an uploaded batch waits for the editor to confirm the preview. */
export const STAGE_TTL_MS = 60 * 60 * 1000;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}
