import { describe, expect, it } from 'vitest';
import { roundEstimate } from './plan';

describe('roundEstimate', () => {
  it('keeps two significant figures', () => {
    expect(roundEstimate(96_826)).toBe(97_000);
    expect(roundEstimate(58_132)).toBe(58_000);
    expect(roundEstimate(5_432)).toBe(5_400);
    expect(roundEstimate(123_456)).toBe(120_000);
    expect(roundEstimate(250)).toBe(250);
  });

  it('leaves small numbers as they are', () => {
    expect(roundEstimate(0)).toBe(0);
    expect(roundEstimate(7)).toBe(7);
    expect(roundEstimate(99)).toBe(99);
  });
});
