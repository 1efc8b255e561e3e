import { DomainError } from '@placematch/kernel';
import { ageInMonths, homeSector, isKeyStage4, nationalCurriculumYear } from '@placematch/placements';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
};

describe('ageInMonths', () => {
  it('counts completed months: a month is completed on the day of the month of birth', () => {
    expect(ageInMonths('2015-06-15', '2015-06-15')).toBe(0);
    expect(ageInMonths('2015-06-15', '2015-07-14')).toBe(0);
    expect(ageInMonths('2015-06-15', '2015-07-15')).toBe(1);
    expect(ageInMonths('2015-06-15', '2025-03-10')).toBe(116);
    expect(ageInMonths('2015-06-15', '2025-06-15')).toBe(120);
  });

  it('completes a month with no matching day on the 1st of the next (born on the 31st)', () => {
    expect(ageInMonths('2025-01-31', '2025-02-28')).toBe(0);
    expect(ageInMonths('2025-01-31', '2025-03-01')).toBe(1);
  });

  it('makes a 29 February baby a year older on 1 March in a common year', () => {
    expect(Math.floor(ageInMonths('2008-02-29', '2026-02-28') / 12)).toBe(17);
    expect(Math.floor(ageInMonths('2008-02-29', '2026-03-01') / 12)).toBe(18);
    expect(Math.floor(ageInMonths('2008-02-29', '2028-02-29') / 12)).toBe(20);
  });

  it('refuses a date before birth and a date that does not exist', () => {
    expect(codeOf(() => ageInMonths('2015-06-15', '2015-06-14'))).toBe('AGE.BEFORE_BIRTH');
    expect(codeOf(() => ageInMonths('2015-02-30', '2016-01-01'))).toBe('DATE.INVALID');
  });
});

describe('nationalCurriculumYear (M-18)', () => {
  it('puts a child born on 31 August in the year above one born on 1 September of the same calendar year', () => {
    // Both are 9 or 10 in the academic year 2024/25: the 31 August child turned 10 on the last day of 2023/24.
    expect(nationalCurriculumYear('2014-08-31', '2025-03-10')).toBe(6);
    expect(nationalCurriculumYear('2014-09-01', '2025-03-10')).toBe(5);
  });

  it('moves every child up a year between 31 August and 1 September', () => {
    expect(nationalCurriculumYear('2015-06-15', '2025-08-31')).toBe(5);
    expect(nationalCurriculumYear('2015-06-15', '2025-09-01')).toBe(6);
  });

  it('puts a child who turns 5 during the academic year in Reception (0), and one who turns 6 in Year 1', () => {
    expect(nationalCurriculumYear('2019-09-01', '2024-09-01')).toBe(0);
    expect(nationalCurriculumYear('2019-08-31', '2024-09-01')).toBe(1);
    expect(nationalCurriculumYear('2019-08-31', '2024-08-31')).toBe(0);
  });

  it('M-18: finds Years 10 and 11 (Key Stage 4) at their boundaries', () => {
    // Year 10 in 2024/25: born 1 September 2009 to 31 August 2010.
    expect(nationalCurriculumYear('2009-09-01', '2025-03-10')).toBe(10);
    expect(nationalCurriculumYear('2010-08-31', '2025-03-10')).toBe(10);
    expect(nationalCurriculumYear('2010-09-01', '2025-03-10')).toBe(9);
    expect(nationalCurriculumYear('2008-09-01', '2025-03-10')).toBe(11);
    expect(nationalCurriculumYear('2008-08-31', '2025-03-10')).toBe(12);
    expect([9, 10, 11, 12].map(isKeyStage4)).toEqual([false, true, true, false]);
    expect(isKeyStage4(null)).toBe(false);
  });

  it('is null before Reception and after Year 13', () => {
    expect(nationalCurriculumYear('2020-09-01', '2025-03-10')).toBeNull();
    expect(nationalCurriculumYear('2020-08-31', '2025-03-10')).toBe(0);
    expect(nationalCurriculumYear('2006-09-01', '2025-03-10')).toBe(13);
    expect(nationalCurriculumYear('2006-08-31', '2025-03-10')).toBeNull();
    expect(nationalCurriculumYear('2026-01-01', '2025-03-10')).toBeNull();
  });

  it('ignores a 29 February birthday (the cut-off is 31 August)', () => {
    expect(nationalCurriculumYear('2012-02-29', '2025-03-10')).toBe(8);
  });
});

describe('homeSector', () => {
  it('cuts a full postcode to its sector, whatever its case and spacing', () => {
    expect(homeSector('ne1 9zz')).toBe('NE1 9');
    expect(homeSector('SW1A1AA')).toBe('SW1A 1');
  });

  it('refuses a postcode that is not one', () => {
    expect(codeOf(() => homeSector('NE1'))).toBe('POSTCODE.MALFORMED');
  });
});
