import { isPrimary, percentage, Relation, SUPPRESSED, suppress, suppressionPolicy } from './suppression';
import { ALL, CountTable } from './tables';

const policy = suppressionPolicy();

/** The relations that would give a hidden figure away: exactly one member hidden, the rest shown. */
const recoverable = (shown: Map<string, number | 'c'>, relations: readonly Relation[]) =>
  relations.filter((r) => [r.total, ...r.parts].filter((m) => shown.get(m) === SUPPRESSED).length === 1);

describe('primary suppression', () => {
  it('hides counts from 1 to 4 by default and shows 0 and 5', () => {
    expect([0, 1, 4, 5].map((v) => isPrimary(v, policy))).toEqual([false, true, true, false]);
  });

  it('takes the threshold from configuration: 3 hides only 1 and 2', () => {
    const three = suppressionPolicy(3);
    expect([1, 2, 3].map((v) => isPrimary(v, three))).toEqual([true, true, false]);
  });

  it('refuses a threshold that is not a whole number from 1 to 100', () => {
    expect(() => suppressionPolicy(0)).toThrow('whole number');
    expect(() => suppressionPolicy(2.5)).toThrow('whole number');
  });
});

describe('secondary suppression: the subtraction case', () => {
  it('hides the next smallest category, so the total minus the others gives only a sum', () => {
    // Categories A 3, B 10, C 12; total 25. Shown as A c, B 10, C 12, 25, anyone gets A = 25 - 10 - 12 = 3.
    const cells = new Map([
      ['A', 3],
      ['B', 10],
      ['C', 12],
      ['total', 25],
    ]);
    const relations = [{ total: 'total', parts: ['A', 'B', 'C'] }];
    const shown = suppress(cells, relations, policy);
    // A is primary; B (10) is the smallest other non-zero part: 25 - 12 = 13 = A + B, which A and B could split any way.
    expect(Object.fromEntries(shown)).toEqual({ A: 'c', B: 'c', C: 12, total: 25 });
    expect(recoverable(shown, relations)).toEqual([]);
  });

  it('passes over zeros (DfE shows a true zero), and hides the total when every other part is zero', () => {
    // A 3, B 0, C 20; total 23: B stays 0, C is hidden with A. 23 - 0 = A + C.
    const shown = suppress(
      new Map([
        ['A', 3],
        ['B', 0],
        ['C', 20],
        ['total', 23],
      ]),
      [{ total: 'total', parts: ['A', 'B', 'C'] }],
      policy,
    );
    expect(Object.fromEntries(shown)).toEqual({ A: 'c', B: 0, C: 'c', total: 23 });
    // The same count under two keys (y and w) is tied by a one-part relation: hiding one hides the other.
    const tied = suppress(
      new Map([
        ['x', 9],
        ['y', 7],
        ['z', 2],
        ['w', 7],
      ]),
      [
        { total: 'x', parts: ['y', 'z'] },
        { total: 'w', parts: ['y'] },
      ],
      policy,
    );
    expect(Object.fromEntries(tied)).toEqual({ x: 9, y: 'c', z: 'c', w: 'c' });
  });

  it('protects a small authority in a region table: neither its row, its column nor the region total gives it away', () => {
    // Authority X: category 1 = 3, category 2 = 7 (total 10). Authority Y: 6 and 8 (total 14). Region: 9, 15, 24.
    const t = new CountTable(['X', 'Y']);
    t.add('cat1', 'X', 3).add('cat2', 'X', 7).add('total', 'X', 10);
    t.add('cat1', 'Y', 6).add('cat2', 'Y', 8).add('total', 'Y', 14);
    t.relate('total', ['cat1', 'cat2']);
    const { cells, relations } = t.cells();
    const shown = suppress(cells, relations, policy);
    const s = t.suppressed(policy);
    // X cat1 is primary. Row X: hide X cat2 (7). Column cat1: region 9 - Y 6 = 3, so hide Y cat1 (6).
    // Column cat2: region 15 - Y 8 = 7, so hide Y cat2 (8). Every row and column now hides two or none.
    expect([s.get('cat1', 'X'), s.get('cat2', 'X'), s.get('total', 'X')]).toEqual(['c', 'c', 10]);
    expect([s.get('cat1', 'Y'), s.get('cat2', 'Y'), s.get('total', 'Y')]).toEqual(['c', 'c', 14]);
    expect([s.get('cat1', ALL), s.get('cat2', ALL), s.get('total', ALL)]).toEqual([9, 15, 24]);
    expect(recoverable(shown, relations)).toEqual([]);
    // With X cat1 = t: X cat2 = 10 - t, Y cat1 = 9 - t, Y cat2 = 5 + t; any t from 0 to 9 fits what is shown.
  });

  it('gives one authority the figures it has in the region table, whichever is asked for', () => {
    const t = new CountTable(['X', 'Y', 'Z']);
    t.add('k', 'X', 2).add('k', 'Y', 30).add('k', 'Z', 40);
    const s = t.suppressed(policy);
    // X is primary; the region total 72 minus Y and Z would give X, so Y (30, the smaller) is hidden too.
    expect([s.get('k', 'X'), s.get('k', 'Y'), s.get('k', 'Z'), s.get('k', ALL)]).toEqual(['c', 'c', 40, 72]);
  });
});

describe('percentages of shown figures', () => {
  it('are hidden with either figure, and empty when there is nothing to divide', () => {
    expect(percentage(3, 12)).toBe(25);
    expect(percentage(SUPPRESSED, 12)).toBe(SUPPRESSED);
    expect(percentage(5, SUPPRESSED)).toBe(SUPPRESSED);
    expect(percentage(0, 0)).toBeNull();
  });
});
