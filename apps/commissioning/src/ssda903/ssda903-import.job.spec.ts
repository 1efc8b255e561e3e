import { ssda903Counts } from './ssda903-import.job';
import type { Ssda903ImportProgress } from './ssda903-import.service';

describe('ssda903Counts', () => {
  it('reads rows from both files, counts children imported, and rejects a row once per file and line', () => {
    const problem = { column: 'row', code: 'CODE.UNKNOWN', reason: 'bad', child: '1001' } as const;
    const progress: Ssda903ImportProgress = {
      phase: 'recording',
      headerRows: 9,
      episodeRows: 26,
      children: 4,
      childrenDone: 2,
      childrenImported: 1,
      childrenUnchanged: 1,
      placementsImported: 2,
      placementsUnchanged: 1,
      merged: 1,
      problems: [
        { ...problem, file: 'header', line: 5 },
        { ...problem, file: 'episodes', line: 5 },
        { ...problem, file: 'episodes', line: 5, column: 'PLACE' as const },
      ],
      notices: [],
      eventsWritten: 3,
    };
    expect(ssda903Counts(progress)).toEqual({
      phase: 'recording',
      rowsRead: 35,
      imported: 1,
      rejected: 2,
      headerRows: 9,
      episodeRows: 26,
      children: 4,
      childrenDone: 2,
      unchanged: 1,
      placementsImported: 2,
      placementsUnchanged: 1,
      merged: 1,
      eventsWritten: 3,
    });
  });
});
