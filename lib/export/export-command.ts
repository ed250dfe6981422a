import { z } from 'zod';
import { getRegion } from '@/lib/regions/region-path';
import type { ExportFilters } from './export-articles';

export const exportUsage =
  'Usage: npm run export -- [--status DRAFT|IN_REVIEW|CHANGES_REQUESTED|APPROVED|PUBLISHED|ARCHIVED] [--region CODE] [--out file.ndjson]';

const statusSchema = z.enum(['DRAFT', 'IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED', 'ARCHIVED']);

export type ExportCommand = { filters: ExportFilters; out: string | null };

/** Accepts `--name value` and `--name=value`. */
export function parseExportArgs(args: string[]): { ok: true; command: ExportCommand } | { ok: false; message: string } {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const match = /^--(status|region|out)(?:=(.*))?$/.exec(args[i]);
    if (!match) return { ok: false, message: `Unknown argument ${args[i]}\n${exportUsage}` };
    const value = match[2] ?? args[++i];
    if (value === undefined || value === '') return { ok: false, message: `--${match[1]} needs a value\n${exportUsage}` };
    values[match[1]] = value;
  }
  const filters: ExportFilters = {};
  if (values.status !== undefined) {
    const status = statusSchema.safeParse(values.status.toUpperCase());
    if (!status.success) return { ok: false, message: `Unknown status ${values.status}\n${exportUsage}` };
    filters.status = status.data;
  }
  if (values.region !== undefined) {
    if (!getRegion(values.region)) return { ok: false, message: `Unknown region code ${values.region} (GB/T 2260, e.g. 440100)` };
    filters.region = values.region;
  }
  return { ok: true, command: { filters, out: values.out ?? null } };
}
