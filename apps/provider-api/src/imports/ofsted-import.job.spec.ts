import { ofstedCounts } from './ofsted-import.job';
import type { ImportProgress } from './ofsted-import.service';

describe('ofstedCounts', () => {
  it('counts a row with several problems as one row rejected', () => {
    const progress: ImportProgress = {
      rowsRead: 5,
      imported: 2,
      unchanged: 1,
      skipped: 1,
      problems: [
        { line: 3, field: 'urn', reason: 'not an Ofsted URN' },
        { line: 3, field: 'postcode', reason: 'not a postcode' },
        { line: 6, field: 'row', reason: 'too few fields' },
      ],
      notices: ['This column is not imported: Region'],
      eventsWritten: 4,
    };
    expect(ofstedCounts(progress)).toEqual({
      rowsRead: 5,
      imported: 2,
      rejected: 2,
      unchanged: 1,
      skipped: 1,
      eventsWritten: 4,
    });
  });
});
