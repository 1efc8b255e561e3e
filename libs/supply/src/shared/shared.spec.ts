import { ValidationError } from '@placematch/kernel';
import {
  completedMonthsBetween,
  daysBetween,
  isChildrensServicesAuthority,
  isIsoDate,
  isOfstedUrn,
  londonDate,
} from '@placematch/supply';
import { sameValue } from './validation';

describe('dates', () => {
  it('accepts only dates that exist, written YYYY-MM-DD', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-3-1')).toBe(false);
    expect(isIsoDate(20250301)).toBe(false);
  });

  it('gives the date in England, which runs ahead of UTC in summer', () => {
    expect(londonDate('2025-07-01T23:30:00Z')).toBe('2025-07-02');
    expect(londonDate('2025-01-01T23:30:00Z')).toBe('2025-01-01');
  });

  it('counts whole days between two dates, across a clock change and a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-31')).toBe(32);
    expect(daysBetween('2025-03-31', '2025-03-24')).toBe(-7);
  });

  it('counts completed months as an age is counted: the 31st completes on the 1st of a shorter month', () => {
    expect(completedMonthsBetween('2024-01-31', '2024-02-29')).toBe(0);
    expect(completedMonthsBetween('2024-01-31', '2024-03-01')).toBe(1);
    expect(completedMonthsBetween('2024-03-01', '2024-01-31')).toBe(-1);
  });

  it('refuses a date that does not exist, naming it', () => {
    const thrown = (() => {
      try {
        daysBetween('2025-02-29', '2025-03-01');
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ code: 'DATE.INVALID', details: { field: 'from', date: '2025-02-29' } });
  });
});

describe('identifiers', () => {
  it('recognises Ofsted URNs and the placeholder', () => {
    expect(['SC999999', '2907824', 'XXXXXXX'].map(isOfstedUrn)).toEqual([true, true, true]);
    expect(['SC99999', '290782', 'X', undefined].map(isOfstedUrn)).toEqual([false, false, false, false]);
  });

  it("recognises children's services authorities and refuses districts", () => {
    expect(['E06000001', 'E08000021', 'E09000033', 'E10000034'].map(isChildrensServicesAuthority)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['E07000001', 'S12000033', 'E080000211'].map(isChildrensServicesAuthority)).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('sameValue', () => {
  it('ignores key order and undefined fields but not list order', () => {
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1, c: undefined })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});
