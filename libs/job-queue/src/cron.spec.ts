import { parseCron } from './cron';

const runs = (expression: string, tz: string, after: string, count: number): string[] => {
  const cron = parseCron(expression, tz);
  const out: string[] = [];
  let at = new Date(after);
  for (let i = 0; i < count; i++) {
    at = cron.next(at);
    out.push(at.toISOString());
  }
  return out;
};

describe('cron for the in-process queue', () => {
  it('runs a nightly job at 02:00 London time on both sides of the spring clock change', () => {
    expect(runs('0 2 * * *', 'Europe/London', '2026-03-27T12:00:00Z', 3)).toEqual([
      '2026-03-28T02:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T01:00:00.000Z',
    ]);
  });

  it('skips a wall time that does not exist when clocks go forward', () => {
    expect(runs('30 1 * * *', 'Europe/London', '2026-03-28T12:00:00Z', 1)).toEqual([
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('does not step over the first hour of the day after a 23-hour day', () => {
    expect(runs('15 0 * * MON', 'Europe/London', '2026-03-29T00:30:00Z', 1)).toEqual([
      '2026-03-29T23:15:00.000Z',
    ]);
  });

  it('runs once, not twice, in the hour repeated when clocks go back', () => {
    expect(runs('30 1 * * *', 'Europe/London', '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('reads steps, ranges and weekday names, and moves over the weekend', () => {
    expect(runs('*/20 9-17 * * MON-FRI', 'UTC', '2026-11-20T17:30:00Z', 3)).toEqual([
      '2026-11-20T17:40:00.000Z',
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T09:20:00.000Z',
    ]);
  });

  it('matches either day field when both are restricted, and reads 7 as Sunday', () => {
    expect(runs('0 0 13 * FRI', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-01-09T00:00:00.000Z',
      '2026-01-13T00:00:00.000Z',
    ]);
    expect(runs('0 12 * * 7', 'UTC', '2026-11-20T00:00:00Z', 1)).toEqual(['2026-11-22T12:00:00.000Z']);
  });

  it('finds a date years ahead (29 February)', () => {
    expect(runs('0 0 29 feb *', 'UTC', '2026-01-01T00:00:00Z', 1)).toEqual(['2028-02-29T00:00:00.000Z']);
  });

  it('starts from the next whole minute, never the given instant', () => {
    expect(runs('* * * * *', 'UTC', '2026-01-01T10:00:00.000Z', 2)).toEqual([
      '2026-01-01T10:01:00.000Z',
      '2026-01-01T10:02:00.000Z',
    ]);
    expect(runs('5/30 * * * *', 'UTC', '2026-01-01T10:05:59.999Z', 1)).toEqual(['2026-01-01T10:35:00.000Z']);
  });

  it.each([
    ['61 * * * *', /minute "61"/],
    ['* * *', /five fields/],
    ['0 0 30 2 *', /never matches/],
    ['5-1 * * * *', /backwards/],
    ['*/0 * * * *', /bad step/],
    ['0 0 * * FUNDAY', /day of week "FUNDAY"/],
  ])('refuses %s with a message that says what is wrong', (expression, message) => {
    expect(() => parseCron(expression, 'UTC')).toThrow(message);
  });

  it('refuses a time zone the runtime does not know', () => {
    expect(() => parseCron('0 2 * * *', 'Europe/Atlantis')).toThrow(/Unknown time zone/);
  });
});
