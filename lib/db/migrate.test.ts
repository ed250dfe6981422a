import { describe, expect, it } from 'vitest';
import { allMigrationsApplied, type MigrationRecord } from './migrate';

const done = (name: string): MigrationRecord => ({ name, finished: true, rolledBack: false });

describe('allMigrationsApplied', () => {
  it('is true when every folder has a finished record', () => {
    expect(allMigrationsApplied(['a', 'b'], [done('a'), done('b')])).toBe(true);
    // Records of folders this checkout does not have are not our concern (migrate deploy ignores them too).
    expect(allMigrationsApplied(['a'], [done('a'), done('z')])).toBe(true);
    expect(allMigrationsApplied([], [])).toBe(true);
  });

  it('is false when a folder has no record, or only a rolled-back one', () => {
    expect(allMigrationsApplied(['a', 'b'], [done('a')])).toBe(false);
    expect(allMigrationsApplied(['a', 'b'], [done('a'), { name: 'b', finished: true, rolledBack: true }])).toBe(false);
    expect(allMigrationsApplied(['a', 'b'], [done('a'), { name: 'b', finished: false, rolledBack: true }])).toBe(false);
  });

  it('is false while any record is unfinished and not rolled back (failed, or being applied), so that the engine reports it', () => {
    expect(allMigrationsApplied(['a', 'b'], [done('a'), done('b'), { name: 'b', finished: false, rolledBack: false }])).toBe(false);
    expect(allMigrationsApplied(['a'], [done('a'), { name: 'z', finished: false, rolledBack: false }])).toBe(false);
  });

  it('ignores a rolled-back attempt once the migration was applied again', () => {
    expect(allMigrationsApplied(['a'], [{ name: 'a', finished: false, rolledBack: true }, done('a')])).toBe(true);
  });
});
