import { ValidationError } from '@placematch/kernel';
import { SSDA903_EPISODES_COLUMNS, SSDA903_HEADER_COLUMNS, recogniseSsda903Header } from './ssda903-columns';
import { Ssda903Parser, parseSsda903File, readSsda903File } from './ssda903.parser';
import type { Ssda903Problem } from './ssda903-rows';

// Synthetic rows: made-up CHILD references, real districts with made-up units, URNs in the SC999xxx range.
const TODAY = '2025-03-10';
const options = { today: TODAY };
const file = (...lines: string[]) => lines.join('\n');
const HEADER = SSDA903_HEADER_COLUMNS.join(',');
const EPISODES = SSDA903_EPISODES_COLUMNS.join(',');
const EPISODE = '1001,01/04/2021,S,V2,N4,U6,PR1,20/05/2021,X1,CARPL,NE1 9ZZ,NE3 1AB,SC999001';

/** {@link EPISODE} with one column's value replaced. */
const replace = (column: string, value: string) => {
  const fields = EPISODE.split(',');
  fields[SSDA903_EPISODES_COLUMNS.indexOf(column as never)] = value;
  return fields.join(',');
};

const brief = (problems: readonly Ssda903Problem[]) => problems.map((p) => [p.line, p.column, p.code]);

/** The problems of an Episodes file whose line 2 is `row`. */
const episodeProblems = (row: string) =>
  brief(parseSsda903File(file(EPISODES, row), 'episodes', options).problems);

const thrown = (run: () => unknown): ValidationError => {
  try {
    run();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('nothing thrown');
};

describe('SSDA903 Header file', () => {
  it('reads a row: codes, dates as YYYY-MM-DD, blanks as null', () => {
    const { rows, problems } = parseSsda903File(
      file(HEADER, '1001,1,15/06/2012,WBRI,a123456789012,,', '1002,2,01/02/2006,mwba,UN1,1,03/04/2023'),
      'header',
      options,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        child: '1001',
        gender: '1',
        dateOfBirth: '2012-06-15',
        ethnicity: 'WBRI',
        upn: 'A123456789012',
        mother: null,
        motherChildDateOfBirth: null,
      },
      {
        line: 3,
        child: '1002',
        gender: '2',
        dateOfBirth: '2006-02-01',
        ethnicity: 'MWBA',
        upn: 'UN1',
        mother: true,
        motherChildDateOfBirth: '2023-04-03',
      },
    ]);
  });

  it.each([
    ['1004,3,01/01/2011,WBRI,,,', [[2, 'SEX', 'CODE.UNKNOWN']]],
    ['1005,1,31/02/2012,WBRI,,,', [[2, 'DOB', 'DATE.MALFORMED']]],
    ['1005,1,2012-02-01,WBRI,,,', [[2, 'DOB', 'DATE.MALFORMED']]],
    ['1005,1,,WBRI,,,', [[2, 'DOB', 'VALUE.MISSING']]],
    ['1005,1,01/01/2026,WBRI,,,', [[2, 'DOB', 'DATE.IN_FUTURE']]],
    ['1006,1,01/01/2013,XXXX,,,', [[2, 'ETHNIC', 'CODE.UNKNOWN']]],
    ['1006,1,01/01/2013,WBRI,A12345678901234,,', [[2, 'UPN', 'VALUE.TOO_LONG']]],
    ['1006,2,01/01/2008,WBRI,,Y,', [[2, 'MOTHER', 'CODE.UNKNOWN']]],
    ['1006,2,01/01/2008,WBRI,,1,01/01/2007', [[2, 'MC_DOB', 'DATE.BEFORE_BIRTH']]],
    [',1,01/01/2013,WBRI,,,', [[2, 'CHILD', 'VALUE.MISSING']]],
    ['12345678901,1,01/01/2013,WBRI,,,', [[2, 'CHILD', 'VALUE.TOO_LONG']]],
    ['1007,1,01/01/2014,WBRI', [[2, 'row', 'ROW.FIELD_COUNT']]],
    [
      '1008,9,32/01/2014,NONE,,,',
      [
        [2, 'SEX', 'CODE.UNKNOWN'],
        [2, 'DOB', 'DATE.MALFORMED'],
        [2, 'ETHNIC', 'CODE.UNKNOWN'],
      ],
    ],
  ])('reports %p', (row, expected) => {
    expect(brief(parseSsda903File(file(HEADER, row), 'header', options).problems)).toEqual(expected);
  });

  it('names the child in each problem, for the report', () => {
    const [problem] = parseSsda903File(file(HEADER, '1004,3,01/01/2011,WBRI,,,'), 'header', options).problems;
    expect(problem).toEqual({
      file: 'header',
      line: 2,
      column: 'SEX',
      code: 'CODE.UNKNOWN',
      reason: 'SEX "3" is not an SSDA903 SEX code (1 male, 2 female)',
      child: '1004',
    });
  });
});

describe('SSDA903 Episodes file', () => {
  it('reads a row: dates, codes (any case), postcodes cut to sectors, blanks as null', () => {
    const { rows, problems } = parseSsda903File(
      file(EPISODES, EPISODE, '1001,20/05/2021,l,c1,n4,t1,,,,,NE1 9,,'),
      'episodes',
      options,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        child: '1001',
        episode: {
          startedOn: '2021-04-01',
          reasonNewEpisode: 'S',
          legalStatus: 'V2',
          cinCategory: 'N4',
          placementType: 'U6',
          placeProvider: 'PR1',
          urn: 'SC999001',
          homeSector: 'NE1 9',
          placementSector: 'NE3 1',
          endedOn: '2021-05-20',
          rec: 'X1',
          reasonPlaceChange: 'CARPL',
        },
      },
      {
        line: 3,
        child: '1001',
        episode: {
          startedOn: '2021-05-20',
          reasonNewEpisode: 'L',
          legalStatus: 'C1',
          cinCategory: 'N4',
          placementType: 'T1',
          placeProvider: null,
          urn: null,
          homeSector: 'NE1 9',
          placementSector: null,
          endedOn: null,
          rec: null,
          reasonPlaceChange: null,
        },
      },
    ]);
  });

  it('accepts the URN placeholder XXXXXXX and seven-digit URNs', () => {
    const rows = parseSsda903File(
      file(
        EPISODES,
        '1001,01/04/2021,S,V2,N4,P1,PR0,,,,NE1 9ZZ,NE3 1AB,XXXXXXX',
        '1002,01/04/2021,S,V2,N4,K3,PR4,,,,,,2999003',
      ),
      'episodes',
      options,
    ).rows;
    expect(rows.map((r) => r.episode.urn)).toEqual(['XXXXXXX', '2999003']);
  });

  it.each([
    ['RNE', 'Q', 'CODE.UNKNOWN'],
    ['LS', 'C3', 'CODE.UNKNOWN'],
    ['CIN', 'N9', 'CODE.UNKNOWN'],
    ['PLACE', 'Q1', 'CODE.UNKNOWN'],
    ['PLACE_PROVIDER', 'PR6', 'CODE.UNKNOWN'],
    ['REC', 'E43', 'CODE.UNKNOWN'],
    ['REASON_PLACE_CHANGE', 'MOVED', 'CODE.UNKNOWN'],
    ['DECOM', '2021-04-01', 'DATE.MALFORMED'],
    ['DECOM', '31/04/2021', 'DATE.MALFORMED'],
    ['DECOM', '', 'VALUE.MISSING'],
    ['DECOM', '11/03/2025', 'DATE.IN_FUTURE'],
    ['DEC', '01/03/2021', 'DATE.BEFORE_START'],
    ['HOME_POST', 'NOT A POSTCODE', 'POSTCODE.MALFORMED'],
    ['PL_POST', 'NE3', 'POSTCODE.MALFORMED'],
    ['URN', 'SC12', 'URN.MALFORMED'],
    ['CHILD', '', 'VALUE.MISSING'],
    ['RNE', '', 'VALUE.MISSING'],
  ])('reports %s %p as %s on its line', (column, value, code) => {
    expect(episodeProblems(replace(column, value))).toEqual([[2, column, code]]);
  });

  it('reports DEC without REC, and REC without DEC', () => {
    expect(episodeProblems(replace('REC', ''))).toEqual([[2, 'REC', 'EPISODE.DEC_WITHOUT_REC']]);
    expect(episodeProblems(replace('DEC', ''))).toEqual([[2, 'DEC', 'EPISODE.REC_WITHOUT_DEC']]);
  });

  it('reports every column at fault in one row', () => {
    expect(episodeProblems('1001,01/04/2021,Q,C3,N4,U6,PR1,,,,NOT,NE3 1AB,SC12')).toEqual([
      [2, 'RNE', 'CODE.UNKNOWN'],
      [2, 'LS', 'CODE.UNKNOWN'],
      [2, 'HOME_POST', 'POSTCODE.MALFORMED'],
      [2, 'URN', 'URN.MALFORMED'],
    ]);
  });

  it('reports missing and extra fields, and broken quoting, with the line each row starts on', () => {
    const { problems, rows } = parseSsda903File(
      file(
        EPISODES,
        EPISODE,
        '1002,01/04/2021,S,V2,N4',
        `${EPISODE},extra`,
        '1003,"01/04/2021',
        'with a line break",S,V2,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001',
        '1004,01/04/2021,S,V2,N4,U6,PR1,,,,NE1 9ZZ,"NE3 1AB"x,SC999001',
        '',
        ',,,,,,,,,,,,',
      ),
      'episodes',
      options,
    );
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(brief(problems)).toEqual([
      [3, 'row', 'ROW.FIELD_COUNT'],
      [4, 'row', 'ROW.FIELD_COUNT'],
      [5, 'DECOM', 'DATE.MALFORMED'],
      [7, 'row', 'CSV.MALFORMED'],
    ]);
    expect(problems[0].reason).toBe('the row has 5 fields; the header has 13 (missing columns)');
    expect(problems[1].reason).toBe('the row has 14 fields; the header has 13 (extra columns)');
  });

  it('takes the columns in any order and any case, with a byte-order mark and CRLF', () => {
    const { rows, notices } = parseSsda903File(
      `\uFEFF${[...SSDA903_EPISODES_COLUMNS].reverse().join(',').toLowerCase()},TEST_COLUMN\r\n${EPISODE.split(',').reverse().join(',')},x\r\n`,
      'episodes',
      options,
    );
    expect(rows.map((r) => r.episode.startedOn)).toEqual(['2021-04-01']);
    expect(notices).toEqual([
      {
        file: 'episodes',
        line: 1,
        code: 'SSDA903.IGNORED_COLUMNS',
        message: 'Episodes file: this column is not imported: TEST_COLUMN',
      },
    ]);
  });
});

describe('SSDA903 file-level faults', () => {
  it('refuses a header line that lacks columns, naming each, with the line', () => {
    const error = thrown(() =>
      parseSsda903File(file('', 'CHILD,DECOM,RNE,LS', EPISODE), 'episodes', options),
    );
    expect(error.code).toBe('SSDA903.MISSING_COLUMNS');
    expect(error.message).toBe(
      'Episodes file, line 2: The Episodes file lacks columns: CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN',
    );
    expect(error.details).toMatchObject({ file: 'episodes', line: 2 });
  });

  it('says when the files are the wrong way round', () => {
    expect(thrown(() => parseSsda903File(file(EPISODES), 'header', options)).code).toBe('SSDA903.WRONG_FILE');
    expect(thrown(() => parseSsda903File(file(HEADER), 'episodes', options)).code).toBe('SSDA903.WRONG_FILE');
  });

  it('refuses a column given twice, an empty file and a broken header line', () => {
    expect(thrown(() => recogniseSsda903Header('header', [...SSDA903_HEADER_COLUMNS, 'child'])).code).toBe(
      'SSDA903.DUPLICATE_COLUMNS',
    );
    expect(thrown(() => parseSsda903File('\n\n', 'header', options)).code).toBe('SSDA903.NO_HEADER');
    expect(thrown(() => parseSsda903File('"CHILD"x,SEX\n', 'header', options)).code).toBe(
      'SSDA903.MALFORMED_HEADER',
    );
  });

  it('keeps refusing after a file-level fault', () => {
    const parser = new Ssda903Parser('header', options);
    expect(() => parser.push('CHILD,SEX\n')).toThrow(ValidationError);
    expect(() => parser.push('1001,1\n')).toThrow('lacks columns');
  });

  it('streams: chunks split anywhere give the same items', async () => {
    const text = file(EPISODES, EPISODE, replace('LS', 'C3'), '');
    const whole = parseSsda903File(text, 'episodes', options);
    const chunks = text.match(/[\s\S]{1,7}/g) as string[];
    const items = [];
    for await (const item of readSsda903File(chunks, 'episodes', options)) items.push(item);
    expect(items.filter((i) => i.kind === 'row').map((i) => i.kind === 'row' && i.row)).toEqual(whole.rows);
    expect(items.filter((i) => i.kind === 'problem').map((i) => i.kind === 'problem' && i.problem)).toEqual(
      whole.problems,
    );
  });
});
