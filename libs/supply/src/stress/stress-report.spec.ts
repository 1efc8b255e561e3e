import { DomainError } from '@placematch/kernel';
import {
  DEFAULT_BEHAVIOUR_CHECKLIST,
  KEEP_DAILY_THRESHOLD,
  StressReport,
  StressReportDay,
  dailyStressCounts,
  defineChecklist,
  exceedsThreshold,
  validateStressReport,
} from '@placematch/supply';
import { TODAY } from '@placematch/supply/testing';

const report = (days: StressReportDay[]): StressReport => ({
  checklistId: DEFAULT_BEHAVIOUR_CHECKLIST.id,
  days,
});
const codeOf = (refuse: () => void): string | undefined => {
  try {
    refuse();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
  return undefined;
};
const [first, second, third] = DEFAULT_BEHAVIOUR_CHECKLIST.items.map((i) => i.code);

describe('The default behaviour checklist (M-39, M-40)', () => {
  it('has 30 items, each with a distinct code, a label and a description', () => {
    const { items } = DEFAULT_BEHAVIOUR_CHECKLIST;
    expect(items).toHaveLength(30);
    expect(new Set(items.map((i) => i.code)).size).toBe(30);
    for (const item of items) {
      expect(item.code).toMatch(/^[A-Z][A-Z_]*$/);
      expect(item.label.length).toBeGreaterThan(0);
      expect(item.description.length).toBeGreaterThan(0);
    }
  });

  it('covers the typical PDR-style behaviours', () => {
    const codes = DEFAULT_BEHAVIOUR_CHECKLIST.items.map((i) => i.code);
    for (const code of [
      'HITTING',
      'LYING',
      'STEALING',
      'TANTRUM',
      'MISSING',
      'SELF_HARM',
      'SCHOOL_REFUSAL',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('is configurable: a checklist may be defined, but not with a repeated code or no items', () => {
    const item = { code: 'ARGUING', label: 'Arguing', description: 'Argued' };
    expect(defineChecklist('local-v1', [item]).items).toEqual([item]);
    expect(() => defineChecklist('local-v1', [item, item])).toThrow(/twice/);
    expect(() => defineChecklist('local-v1', [])).toThrow(/no items/);
  });
});

describe('validateStressReport', () => {
  it('accepts a week of days, including days when nothing happened', () => {
    const week = report([
      { day: '2025-03-04', behaviours: [] },
      { day: '2025-03-05', behaviours: [{ item: first, outcome: 'happened' }] },
      { day: TODAY, behaviours: [{ item: second, outcome: 'happened-and-stressful' }] },
    ]);
    expect(codeOf(() => validateStressReport(week, TODAY))).toBeUndefined();
  });

  it('refuses a report with no days', () => {
    expect(codeOf(() => validateStressReport(report([]), TODAY))).toBe('STRESS_REPORT.NO_DAYS');
  });

  it('refuses a day in the future', () => {
    expect(codeOf(() => validateStressReport(report([{ day: '2025-03-11', behaviours: [] }]), TODAY))).toBe(
      'STRESS_REPORT.DAY_IN_FUTURE',
    );
  });

  it('refuses the same day twice in one report', () => {
    const twice = report([
      { day: '2025-03-05', behaviours: [] },
      { day: '2025-03-05', behaviours: [{ item: first, outcome: 'happened' }] },
    ]);
    expect(codeOf(() => validateStressReport(twice, TODAY))).toBe('STRESS_REPORT.DUPLICATE_DAY');
  });

  it('refuses a day that is not a date', () => {
    expect(codeOf(() => validateStressReport(report([{ day: '05/03/2025', behaviours: [] }]), TODAY))).toBe(
      'STRESS_REPORT.INVALID_DAY',
    );
  });

  it('refuses an item code the checklist does not have', () => {
    const unknown = report([{ day: '2025-03-05', behaviours: [{ item: 'SULKING', outcome: 'happened' }] }]);
    expect(codeOf(() => validateStressReport(unknown, TODAY))).toBe('STRESS_REPORT.UNKNOWN_ITEM');
  });

  it('refuses the same item twice on one day, and an outcome other than happened / happened-and-stressful', () => {
    const repeated = report([
      {
        day: '2025-03-05',
        behaviours: [
          { item: first, outcome: 'happened' },
          { item: first, outcome: 'happened-and-stressful' },
        ],
      },
    ]);
    expect(codeOf(() => validateStressReport(repeated, TODAY))).toBe('STRESS_REPORT.DUPLICATE_ITEM');
    const odd = report([{ day: '2025-03-05', behaviours: [{ item: first, outcome: 'maybe' as never }] }]);
    expect(codeOf(() => validateStressReport(odd, TODAY))).toBe('STRESS_REPORT.INVALID_OUTCOME');
  });

  it('checks against the checklist the report names', () => {
    const local = defineChecklist('local-v1', [{ code: 'SULKING', label: 'Sulking', description: 'Sulked' }]);
    const sulking = { day: '2025-03-05', behaviours: [{ item: 'SULKING', outcome: 'happened' as const }] };
    expect(
      codeOf(() => validateStressReport({ checklistId: 'local-v1', days: [sulking] }, TODAY, local)),
    ).toBeUndefined();
    expect(codeOf(() => validateStressReport(report([sulking]), TODAY, local))).toBe(
      'STRESS_REPORT.CHECKLIST_MISMATCH',
    );
  });
});

describe('dailyStressCounts', () => {
  it('counts per day, in date order, the behaviours that happened and those the carer found stressful', () => {
    const counts = dailyStressCounts(
      report([
        {
          day: '2025-03-06',
          behaviours: [
            { item: first, outcome: 'happened-and-stressful' },
            { item: second, outcome: 'happened' },
            { item: third, outcome: 'happened-and-stressful' },
          ],
        },
        { day: '2025-03-05', behaviours: [] },
      ]),
    );
    expect(counts).toEqual([
      { day: '2025-03-05', happened: 0, stressful: 0 },
      { day: '2025-03-06', happened: 3, stressful: 2 },
    ]);
  });
});

describe('exceedsThreshold (M-40)', () => {
  it('M-40: more than 5 stressful behaviours a day is the early warning; 5 is not', () => {
    expect(KEEP_DAILY_THRESHOLD).toBe(5);
    expect(exceedsThreshold(5)).toBe(false);
    expect(exceedsThreshold(6)).toBe(true);
  });

  it('M-40: takes the threshold as policy (6 for ages 5-12)', () => {
    expect(exceedsThreshold(6, 6)).toBe(false);
    expect(exceedsThreshold(7, 6)).toBe(true);
  });

  it('M-40: flags the days of a report that exceed it', () => {
    const items = DEFAULT_BEHAVIOUR_CHECKLIST.items.slice(0, 6);
    const day = (date: string, stressful: number): StressReportDay => ({
      day: date,
      behaviours: items.map((i, n) => ({
        item: i.code,
        outcome: n < stressful ? 'happened-and-stressful' : 'happened',
      })),
    });
    const flagged = dailyStressCounts(report([day('2025-03-05', 5), day('2025-03-06', 6)]))
      .filter((c) => exceedsThreshold(c.stressful))
      .map((c) => c.day);
    expect(flagged).toEqual(['2025-03-06']);
  });
});
