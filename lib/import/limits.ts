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
/** Files chosen in one upload, and their total size (checked by the upload form before sending). */
export const MAX_UPLOAD_FILES = 500;
export const MAX_UPLOAD_BYTES = 19 * 1024 * 1024;
/**
 * Largest request body the app accepts: the upload plus room for its multipart envelope (a few
 * hundred bytes per file) and the form's other fields. The one source of the server-side limits:
 * next.config.ts sets serverActions.bodySizeLimit and proxyClientMaxBodySize (what proxy.ts
 * buffers) to it, and scripts/serve.ts answers 413 to anything larger before Next reads it.
 */
export const MAX_REQUEST_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;
/**
 * The 413 body from scripts/serve.ts. Sent as bare `text/plain`, which is what Next's client
 * passes on as the failed server action's error message, so the upload form can recognise it.
 */
export const REQUEST_TOO_LARGE_MESSAGE = `请求过大：一次上传不能超过 ${formatSize(MAX_UPLOAD_BYTES)}，请分批上传。`;
/** Longest file or entry name accepted (in characters). */
export const MAX_NAME_LENGTH = 500;
/** How long an uploaded batch waits for the editor to confirm the preview. */
export const STAGE_TTL_MS = 60 * 60 * 1000;

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}
