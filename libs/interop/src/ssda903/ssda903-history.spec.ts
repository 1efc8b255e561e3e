import { ValidationError } from '@placematch/kernel';
import type { HistoricEpisode } from '@placematch/placements';
import { SSDA903_EPISODES_COLUMNS, SSDA903_HEADER_COLUMNS } from './ssda903-columns';
import { buildReturnHistory, recordChildCommand, recordPlacementCommand } from './ssda903-history';
import { randomBytes } from 'node:crypto';
import { keyedIdDerivation, SSDA903_ID_KEY_INFO } from '@placematch/privacy';
import { returnIds } from './ssda903-ids';
import { parseSsda903File } from './ssda903.parser';
import type { Ssda903Problem } from './ssda903-rows';

// Synthetic returns: made-up CHILD references, real districts with made-up units, URNs in the SC999xxx range.
const LA = 'E08000021';
const options = { today: '2025-03-10' };
const ids = returnIds(keyedIdDerivation(randomBytes(32), SSDA903_ID_KEY_INFO));
const HEADER = [SSDA903_HEADER_COLUMNS.join(','), '1001,1,15/06/2012,WBRI,,,', '1002,2,01/02/2010,MWBA,,,'];

/** The history of an Episodes file (rows after its header line) with {@link HEADER}'s children. */
const history = (
  rows: string[],
  more: { header?: string[]; recorded?: Map<string, HistoricEpisode[][]> } = {},
) => {
  const header = parseSsda903File((more.header ?? HEADER).join('\n'), 'header', options);
  const episodes = parseSsda903File(
    [SSDA903_EPISODES_COLUMNS.join(','), ...rows].join('\n'),
    'episodes',
    options,
  );
  expect(episodes.problems).toEqual([]);
  return buildReturnHistory({
    localAuthority: LA,
    ids,
    header: header.rows,
    episodes: episodes.rows,
    ...(more.recorded && { recorded: more.recorded }),
  });
};

/** Each child's placements as the lines they come from. */
const placements = (built: ReturnType<typeof buildReturnHistory>) =>
  Object.fromEntries(built.children.map((c) => [c.child, c.placements.map((p) => p.lines)]));

const brief = (problems: readonly Ssda903Problem[]) => problems.map((p) => [p.line, p.code]);

// Lines 2.. of the Episodes file; 1001 lives with foster carers U6 in NE3 1 from 1 April 2021.
const START = '1001,01/04/2021,S,V2,N4,U6,PR1,10/01/2022,X1,CARPL,NE1 9ZZ,NE3 1AB,SC999001';
const next = (rne: string, rest = 'C1,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001') =>
  `1001,10/01/2022,${rne},${rest}`;

describe('buildReturnHistory: episodes into placements', () => {
  it('a legal-status-only change (RNE L) is not a new placement', () => {
    expect(placements(history([START, next('L')]))).toEqual({ 1001: [[2, 3]], 1002: [] });
  });

  it('a temporary move (T0-T4) and the return from it are not new placements', () => {
    const built = history([
      START,
      '1001,10/01/2022,P,C1,N4,T1,,14/01/2022,X1,PLACE,NE1 9ZZ,,',
      '1001,14/01/2022,P,C1,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001',
    ]);
    expect(placements(built)[1001]).toEqual([[2, 3, 4]]);
  });

  it('a temporary move followed by another place ends the placement with the move', () => {
    const built = history([
      START,
      '1001,10/01/2022,P,C1,N4,T1,,14/01/2022,X1,PLACE,NE1 9ZZ,,',
      '1001,14/01/2022,P,C1,N4,K2,PR4,,,,NE1 9ZZ,DH1 4XY,SC999002',
    ]);
    expect(placements(built)[1001]).toEqual([[2, 3], [4]]);
  });

  it('same carers (RNE T or U) in the same place is the same placement; in another place, a new one', () => {
    expect(placements(history([START, next('T')]))[1001]).toEqual([[2, 3]]);
    expect(placements(history([START, next('U', 'C2,N4,U4,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001')]))[1001]).toEqual(
      [[2], [3]],
    );
  });

  it('a change of carers (RNE P or B) is a new placement, even in the same place', () => {
    expect(placements(history([START, next('P')]))[1001]).toEqual([[2], [3]]);
    expect(placements(history([START, next('B')]))[1001]).toEqual([[2], [3]]);
  });

  it('leaving care ends the placement; coming back is a new one', () => {
    const built = history([
      '1001,01/04/2021,S,V2,N4,U6,PR1,10/01/2022,E4A,,NE1 9ZZ,NE3 1AB,SC999001',
      '1001,10/01/2022,S,V2,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001',
    ]);
    expect(placements(built)[1001]).toEqual([[2], [3]]);
  });

  it('sorts episodes by DECOM whatever the file order, and gives ids from the authority, CHILD and first DECOM', () => {
    const built = history([next('L'), START]);
    const [child] = built.children;
    expect(child.childId).toBe(ids.childIdFor(LA, '1001'));
    expect(child.placements.map((p) => [p.placementId, p.lines, p.childAgeMonths])).toEqual([
      [ids.placementIdFor(LA, '1001', '2021-04-01'), [3, 2], 105],
    ]);
  });

  it('makes the commands that record the child and each placement', () => {
    const built = history([START, next('L')]);
    const [child] = built.children;
    expect(recordChildCommand(child, LA, '2025-03-10T09:00:00.000Z')).toEqual({
      type: 'RecordChildFromReturn',
      data: {
        childId: child.childId,
        localAuthority: LA,
        returnChildId: '1001',
        gender: '1',
        dateOfBirth: '2012-06-15',
        ethnicity: 'WBRI',
        upn: null,
        mother: null,
        motherChildDateOfBirth: null,
      },
      at: '2025-03-10T09:00:00.000Z',
    });
    const command = recordPlacementCommand(child, child.placements[0], LA, '2025-03-10T09:00:00.000Z');
    expect(command.data).toMatchObject({ childId: child.childId, childAgeMonths: 105 });
    expect(command.data.episodes.map((e) => [e.startedOn, e.reasonNewEpisode, e.legalStatus])).toEqual([
      ['2021-04-01', 'S', 'V2'],
      ['2022-01-10', 'L', 'C1'],
    ]);
  });

  it('refuses an authority that is not a children’s services one', () => {
    expect(() => buildReturnHistory({ localAuthority: 'E07000001', ids, header: [], episodes: [] })).toThrow(
      ValidationError,
    );
  });
});

describe('buildReturnHistory: rows left out, each with its line and reason', () => {
  it('a Header row repeated (the same or not): the first is the one imported', () => {
    const built = history([], {
      header: [...HEADER, '1001,1,15/06/2012,WBRI,,,', '1002,2,01/02/2010,WBRI,,,'],
    });
    expect(brief(built.problems)).toEqual([
      [4, 'ROW.DUPLICATE'],
      [5, 'ROW.CONFLICTING_DUPLICATE'],
    ]);
    expect(built.problems[1].reason).toBe(
      'CHILD 1002 is already on line 3 with a different ETHNIC; the row on line 3 is the one imported',
    );
    expect(built.children.map((c) => c.header.line)).toEqual([2, 3]);
  });

  it('an episode repeated, or given again with other values, on the same DECOM', () => {
    const built = history([START, START, START.replace('V2', 'C2')]);
    expect(brief(built.problems)).toEqual([
      [3, 'ROW.DUPLICATE'],
      [4, 'ROW.CONFLICTING_DUPLICATE'],
    ]);
    expect(built.problems[1].reason).toContain('with a different LS; the row on line 2 is the one imported');
  });

  it('merges the same episode open in one return and closed in the next, keeping the closed one', () => {
    const open = '1001,01/04/2021,S,V2,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001';
    const built = history([open, START, next('L')]);
    expect(built.problems).toEqual([]);
    expect(built.merged).toBe(1);
    expect(placements(built)[1001]).toEqual([[3, 4]]);
  });

  it('an episode of a child with no good Header row', () => {
    const built = history(['1009,01/04/2021,S,V2,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001']);
    expect(brief(built.problems)).toEqual([[2, 'CHILD.NOT_IN_HEADER']]);
  });

  it('an episode before the child was born', () => {
    const built = history(['1001,01/04/2011,S,V2,N4,U6,PR1,01/05/2011,E8,,NE1 9ZZ,NE3 1AB,SC999001', START]);
    expect(brief(built.problems)).toEqual([[2, 'DATE.BEFORE_BIRTH']]);
    expect(placements(built)[1001]).toEqual([[3]]);
  });

  it('an episode that begins before the one before it ends, or while it is open', () => {
    const built = history([
      START,
      '1001,01/01/2022,P,C1,N4,K2,PR4,05/01/2022,X1,CARPL,NE1 9ZZ,DH1 4XY,SC999002',
      '1001,10/01/2022,P,C1,N4,K2,PR4,,,,NE1 9ZZ,DH1 4XY,SC999002',
      '1001,01/02/2022,P,C1,N4,U4,PR4,,,,NE1 9ZZ,DH1 4XY,SC999003',
    ]);
    expect(brief(built.problems)).toEqual([
      [3, 'EPISODE.OVERLAPS'],
      [5, 'EPISODE.OVERLAPS'],
    ]);
    expect(built.problems.map((p) => p.reason)).toEqual([
      'DECOM 01/01/2022 is before the episode on line 2 ended (DEC 10/01/2022)',
      'DECOM 01/02/2022 is while the episode on line 4 is still open (it has no DEC)',
    ]);
  });

  it('a temporary move with no placement before or after it on the same day', () => {
    const built = history(['1001,10/10/2023,S,L1,N2,T4,,12/10/2023,E4A,,NE1 9ZZ,,']);
    expect(brief(built.problems)).toEqual([[2, 'EPISODE.TEMPORARY_WITHOUT_PLACEMENT']]);
    expect(placements(built)[1001]).toEqual([]);
  });

  it('reports in file and line order', () => {
    const built = history(['1009,01/04/2021,S,V2,N4,U6,PR1,,,,,,', START, START], {
      header: [...HEADER, '1001,1,15/06/2012,WBRI,,,'],
    });
    expect(built.problems.map((p) => [p.file, p.line])).toEqual([
      ['header', 4],
      ['episodes', 2],
      ['episodes', 4],
    ]);
  });
});

describe('buildReturnHistory: continuing what earlier imports recorded', () => {
  const recordedEpisodes = (rows: string[]) =>
    history(rows).children[0].placements.map((p) => p.episodes as HistoricEpisode[]);

  it('adds a later return’s episodes to the placement begun in an earlier one', () => {
    const earlier = recordedEpisodes(['1001,01/04/2021,S,V2,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001']);
    const built = history([START, next('L')], { recorded: new Map([['1001', earlier]]) });
    expect(built.problems).toEqual([]);
    expect(built.children[0].placements.map((p) => [p.placementId, p.lines])).toEqual([
      [ids.placementIdFor(LA, '1001', '2021-04-01'), [2, 3]],
    ]);
  });

  it('keeps a recorded placement the file does not mention', () => {
    const earlier = recordedEpisodes([START.replace('X1,CARPL', 'E4A,')]);
    const built = history(['1001,01/06/2022,S,V2,N4,K2,PR4,,,,NE1 9ZZ,DH1 4XY,SC999002'], {
      recorded: new Map([['1001', earlier]]),
    });
    expect(built.children[0].placements.map((p) => p.lines)).toEqual([[], [2]]);
  });

  it('leaves out an episode that would join a recorded placement to an earlier one', () => {
    const earlier = recordedEpisodes([next('L')]);
    const built = history([START], { recorded: new Map([['1001', earlier]]) });
    expect(brief(built.problems)).toEqual([[2, 'EPISODE.BEFORE_IMPORTED_HISTORY']]);
    expect(built.children[0].placements.map((p) => p.placementId)).toEqual([
      ids.placementIdFor(LA, '1001', '2022-01-10'),
    ]);
  });

  it('an episode from the file that overlaps a recorded one is left out', () => {
    const earlier = recordedEpisodes([START]);
    const built = history(['1001,01/06/2021,P,C1,N4,K2,PR4,,,,NE1 9ZZ,DH1 4XY,SC999002'], {
      recorded: new Map([['1001', earlier]]),
    });
    expect(brief(built.problems)).toEqual([[2, 'EPISODE.OVERLAPS']]);
    expect(built.problems[0].reason).toContain('recorded by an earlier import');
  });
});
