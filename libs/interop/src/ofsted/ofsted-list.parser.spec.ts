import { OfstedListParser, collect, parseOfstedList, readOfstedList } from './ofsted-list.parser';
import type { OfstedListItem } from './ofsted-list.parser';
import { recogniseHeader } from './ofsted-columns';
import type { OfstedRowProblem } from './ofsted-row';

// Synthetic lists: fake names, URNs in the SC999xxx / 2999xxx range, real districts with made-up units.
const file = (...lines: string[]) => lines.join('\n');

const HEADER =
  'URN,Provider type,Setting name,Provider name,Local authority code,Local authority,Placement code,Placement provider code,Setting postcode';

const CLEAN = file(
  HEADER,
  "SC999001,Children's Home,Test House,Test Homes Ltd,E08000021,Newcastle upon Tyne,K2,PR4,ne1 9zz",
  'SC999002,Independent fostering agency,Test Fostering North,Test Fostering Ltd,E06000002,Middlesbrough,U4/U6,PR5,TS19ZZ',
  '2999003,Supported accommodation,Test Supported Flats,Test Homes Ltd,E10000034,Worcestershire,"K3, H5",PR4,WR1 9ZZ',
  '',
);

const brief = (problems: readonly OfstedRowProblem[]) => problems.map((p) => [p.line, p.field, p.code]);

describe('OfstedListParser: a clean list', () => {
  it('reads every row, normalising URNs, codes and postcodes', () => {
    const result = parseOfstedList(CLEAN);
    expect(result.problems).toEqual([]);
    expect(result.notices).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        urn: 'SC999001',
        providerName: 'Test Homes Ltd',
        providerType: 'childrens-home-operator',
        hostLocalAuthority: { kind: 'ons-code', code: 'E08000021', name: 'Newcastle upon Tyne' },
        placementTypes: ['K2'],
        providerCode: 'PR4',
        postcode: 'NE1 9ZZ',
        settingName: 'Test House',
      },
      {
        line: 3,
        urn: 'SC999002',
        providerName: 'Test Fostering Ltd',
        providerType: 'independent-fostering-agency',
        hostLocalAuthority: { kind: 'ons-code', code: 'E06000002', name: 'Middlesbrough' },
        placementTypes: ['U4', 'U6'],
        providerCode: 'PR5',
        postcode: 'TS1 9ZZ',
        settingName: 'Test Fostering North',
      },
      {
        line: 4,
        urn: '2999003',
        providerName: 'Test Homes Ltd',
        providerType: 'supported-accommodation-provider',
        hostLocalAuthority: { kind: 'ons-code', code: 'E10000034', name: 'Worcestershire' },
        placementTypes: ['H5', 'K3'],
        providerCode: 'PR4',
        postcode: 'WR1 9ZZ',
        settingName: 'Test Supported Flats',
      },
    ]);
  });

  it('gives the same items however the file is chunked, as text or bytes', async () => {
    const whole = new OfstedListParser();
    const expected = [...whole.push(CLEAN), ...whole.end()];
    const chunks = (size: number) =>
      Array.from({ length: Math.ceil(CLEAN.length / size) }, (_, i) => CLEAN.slice(i * size, (i + 1) * size));
    for (const size of [1, 7, 64]) {
      const items: OfstedListItem[] = [];
      for await (const item of readOfstedList(chunks(size))) items.push(item);
      expect(items).toEqual(expected);
    }
    const bytes = Buffer.from(CLEAN, 'utf8');
    const items: OfstedListItem[] = [];
    for await (const item of readOfstedList([bytes.subarray(0, 100), bytes.subarray(100)])) items.push(item);
    expect(items).toEqual(expected);
  });

  it('reads a list given line by line without line breaks', () => {
    const parser = new OfstedListParser();
    const items = [...CLEAN.split('\n').flatMap((line) => parser.pushLine(line)), ...parser.end()];
    expect(collect(items).rows.map((row) => [row.line, row.urn])).toEqual([
      [2, 'SC999001'],
      [3, 'SC999002'],
      [4, '2999003'],
    ]);
  });

  it('reads a file saved with a byte-order mark and CRLF line breaks', () => {
    const result = parseOfstedList(`\uFEFF${CLEAN.replace(/\n/g, '\r\n')}`);
    expect(result.problems).toEqual([]);
    expect(result.rows).toEqual(parseOfstedList(CLEAN).rows);
  });
});

describe('OfstedListParser: a dirty list', () => {
  const DIRTY = file(
    'URN,Provider type,Setting name,Local authority,Placement code,Placement provider code,Setting postcode,Region',
    "SC999001,Children's Home,Test House,Newcastle upon Tyne,K2,PR4,NE1 9ZZ,North East", // 2 good
    "SC12345,Children's Home,Test Short Urn,Newcastle upon Tyne,K2,PR4,NE1 9ZY,North East", // 3
    'SC999004,Boarding school,Test Boarding,Newcastle upon Tyne,S1,PR4,NE1 9ZX,North East', // 4
    "SC999005,Children's Home,Test Odd Code,Newcastle upon Tyne,K9,PR4,NE1 9ZW,North East", // 5
    'SC999006,Local authority fostering agency,Test LA Fostering,Newcastle upon Tyne,U4,PR4,NE1 9ZU,North East', // 6
    "SC999007,Children's Home,Test Bad Postcode,Newcastle upon Tyne,K2,PR4,NE1 ZZZ,North East", // 7
    "SC999008,Children's Home,Test No Postcode,Newcastle upon Tyne,K2,PR4,,North East", // 8
    "SC999009,Children's Home,Test Short Row,Newcastle upon Tyne,K2,PR4", // 9
    "SC999001,Children's Home,Test House,Newcastle upon Tyne,K2,PR4,NE1 9ZZ,North East", // 10 repeat of 2
    "sc999001,Children's Home,Test House,Newcastle upon Tyne,K2,PR5,NE1 9ZT,North East", // 11 conflicts with 2
    'SC999012,"Independent fostering agency","Test Fostering, ""North""', // 12: a name over three lines
    'East',
    'Annex",Newcastle upon Tyne,U4;U6,PR5,NE1 9ZS,North East',
    "SC999015,Children's Home,Test After Multiline,Newcastle upon Tyne,K2,PR4,NE1 Z,North East", // 15
    "XXXXXXX,Children's Home,Test Placeholder,Newcastle upon Tyne,K2,PR4,NE1 9ZR,North East", // 16
    "SC999017,Children's Home,,Newcastle upon Tyne,PR4,K2,NE1 9ZQ,North East", // 17 columns swapped, no name
    'SC999018,Independent fostering agency,Test Temporary,Newcastle upon Tyne,U4 T0,PR4/PR5,NE1 9ZP,North East', // 18
    'SC999019,Children\'s Home,"Test "Bad" Quotes",Newcastle upon Tyne,K2,PR4,NE1 9ZN,North East', // 19
    "SC999020,Children's Home,Test Last,Newcastle upon Tyne,R1,PR1/PR2,NE1 9ZL,North East", // 20 good
    ',,,,,,,', // 21: an empty spreadsheet row
  );
  const result = parseOfstedList(DIRTY);

  it('imports the good rows and reports every bad one with its line, field and reason', () => {
    expect(result.rows.map((row) => [row.line, row.urn])).toEqual([
      [2, 'SC999001'],
      [12, 'SC999012'],
      [20, 'SC999020'],
    ]);
    expect(brief(result.problems)).toEqual([
      [3, 'urn', 'URN.MALFORMED'],
      [4, 'providerType', 'PROVIDER_TYPE.UNKNOWN'],
      [5, 'placementTypes', 'PLACEMENT_TYPE.UNKNOWN'],
      [6, 'providerCode', 'PROVIDER_CODE.NOT_ALLOWED'],
      [7, 'postcode', 'POSTCODE.MALFORMED'],
      [8, 'postcode', 'VALUE.MISSING'],
      [9, 'row', 'ROW.FIELD_COUNT'],
      [10, 'urn', 'ROW.DUPLICATE'],
      [11, 'urn', 'ROW.CONFLICTING_DUPLICATE'],
      [15, 'postcode', 'POSTCODE.MALFORMED'],
      [16, 'urn', 'URN.NOT_APPLICABLE'],
      [17, 'placementTypes', 'PLACEMENT_TYPE.UNKNOWN'],
      [17, 'providerCode', 'PROVIDER_CODE.UNKNOWN'],
      [17, 'settingName', 'VALUE.MISSING'],
      [18, 'placementTypes', 'PLACEMENT_TYPE.NOT_OFFERED'],
      [18, 'providerCode', 'PROVIDER_CODE.SEVERAL'],
      [19, 'row', 'CSV.MALFORMED'],
    ]);
  });

  it('says in each reason what is wrong, naming the value', () => {
    const reasons = Object.fromEntries(result.problems.map((p) => [`${p.line}:${p.field}`, p.reason]));
    expect(reasons).toEqual({
      '3:urn': 'URN "SC12345" is not an Ofsted URN (SC and 6 digits, or 7 digits)',
      '4:providerType': expect.stringMatching(
        /^provider type "Boarding school" is not one Placematch registers/,
      ),
      '5:placementTypes': '"K9" is not an SSDA903 PLACE code',
      '6:providerCode': 'provider code PR4 is not allowed for a local authority fostering service (PR1)',
      '7:postcode': 'postcode "NE1 ZZZ" is not a UK postcode',
      '8:postcode': 'Setting postcode is blank',
      '9:row': 'the row has 6 fields; the header has 8',
      '10:urn': 'URN SC999001 repeats line 2; the row on line 2 is the one imported',
      '11:urn':
        'URN SC999001 is already on line 2 with a different provider code and setting postcode; the row on line 2 is the one imported',
      '15:postcode': 'postcode "NE1 Z" is not a UK postcode',
      '16:urn': "URN XXXXXXX is the SSDA903 placeholder, not a setting's URN",
      '17:placementTypes':
        'PR4 is a PLACE_PROVIDER code, not PLACE: are the placement code and provider code columns the right way round?',
      '17:providerCode':
        'K2 is a PLACE code, not PLACE_PROVIDER (PR0-PR5): are the placement code and provider code columns the right way round?',
      '17:settingName': 'Setting name is blank',
      '18:placementTypes':
        'T0 records an episode (a move, a stay, custody or adoption), not a kind of home a setting offers',
      '18:providerCode': 'the row gives several provider codes (PR4, PR5); a provider registers with one',
      '19:row': "the row's quoting is broken (text after a closing quote)",
    });
  });

  it('names the column as written and the URN when it is well formed', () => {
    expect(result.problems.find((p) => p.line === 7)).toEqual({
      line: 7,
      field: 'postcode',
      column: 'Setting postcode',
      code: 'POSTCODE.MALFORMED',
      reason: 'postcode "NE1 ZZZ" is not a UK postcode',
      urn: 'SC999007',
    });
    expect(result.problems.find((p) => p.line === 3)?.urn).toBeUndefined();
  });

  it('keeps line numbers right after a field with line breaks inside quotes', () => {
    const row = result.rows.find((r) => r.urn === 'SC999012');
    expect(row).toMatchObject({
      line: 12,
      settingName: 'Test Fostering, "North" East Annex',
      placementTypes: ['U4', 'U6'],
    });
    expect(result.problems.some((p) => p.line === 15 && p.urn === 'SC999015')).toBe(true);
  });

  it('reports the ignored columns once, as a notice on the header line', () => {
    expect(result.notices).toEqual([
      {
        line: 1,
        code: 'OFSTED.IGNORED_COLUMNS',
        message: 'This column is not imported: Region',
        columns: ['Region'],
      },
    ]);
  });

  it('keeps the name of an authority it has no code for, and reads PR1/PR2 as PR1', () => {
    const row = result.rows.find((r) => r.urn === 'SC999020');
    expect(row).toMatchObject({
      hostLocalAuthority: { kind: 'name', name: 'Newcastle upon Tyne' },
      providerName: 'Test Last',
      settingName: 'Test Last',
      providerCode: 'PR1',
      placementTypes: ['R1'],
    });
  });

  it('imports a row that fixes an earlier bad row with the same URN', () => {
    const fixed = parseOfstedList(
      file(
        'URN,Provider type,Setting name,Local authority,Placement code,Placement provider code,Setting postcode',
        "SC999001,Children's Home,Test House,Newcastle upon Tyne,K2,PR4,NE1 ZZZ",
        "SC999001,Children's Home,Test House,Newcastle upon Tyne,K2,PR4,NE1 9ZZ",
      ),
    );
    expect(brief(fixed.problems)).toEqual([[2, 'postcode', 'POSTCODE.MALFORMED']]);
    expect(fixed.rows.map((row) => row.line)).toEqual([3]);
  });
});

describe('OfstedListParser: header variants', () => {
  it("reads the Children's Homes list names, where Provider Code holds the PLACE codes, and skips closed homes", () => {
    const result = parseOfstedList(
      file(
        'URN,Local Authority,Provider Code,Provider Placement Code,Closed Date,Setting Postcode,Provider Type,Setting Name',
        "SC999001,Newcastle upon Tyne,K2,PR1/PR2,,NE1 9ZZ,Children's Home,Test House",
        "SC999002,Newcastle upon Tyne,K1,PR4,31/03/2024,NE1 9ZY,Secure Children's Home,Test Closed House",
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toMatchObject([
      { line: 2, urn: 'SC999001', placementTypes: ['K2'], providerCode: 'PR1' },
    ]);
    expect(result.skipped).toEqual([
      {
        line: 3,
        urn: 'SC999002',
        code: 'ROW.CLOSED',
        reason: 'closed (Closed Date 31/03/2024): a closed setting is not registered',
      },
    ]);
  });

  it('reads the combined list names in lower case, in any order, with padding and underscores', () => {
    const result = parseOfstedList(
      file(
        ' setting address postcode ,PLACEMENT_PROVIDER_CODE,placement code(s),provider local authority,urn,provider type,setting name,deregistration date',
        'NE1 9ZZ,PR5,U4,E08000021,SC999001,Children’s home,Test House,',
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toMatchObject([
      {
        urn: 'SC999001',
        providerType: 'childrens-home-operator',
        hostLocalAuthority: { kind: 'ons-code', code: 'E08000021' },
        placementTypes: ['U4'],
        providerCode: 'PR5',
        postcode: 'NE1 9ZZ',
      },
    ]);
  });

  it('reads SSDA903 episode names and Placematch provider type names', () => {
    const result = parseOfstedList(
      file(
        'URN,PLACE,PLACE_PROVIDER,PL_POST,Provider type,LA,Name',
        'SC999001,K2,PR4,NE19ZZ,childrens-home-operator,E08000021,Test House',
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toMatchObject([
      { urn: 'SC999001', providerType: 'childrens-home-operator', postcode: 'NE1 9ZZ' },
    ]);
  });

  it('reads Provider Code as the PR code when another column holds the PLACE codes', () => {
    const columns = recogniseHeader([
      'URN',
      'Provider type',
      'Name',
      'LA',
      'Placement code',
      'Provider Code',
      'Postcode',
    ]);
    expect(columns.indexes).toMatchObject({ placementTypes: 4, providerCode: 5 });
  });

  it('refuses a header without the required columns, naming each', () => {
    const parser = new OfstedListParser();
    const error = expect.objectContaining({
      code: 'OFSTED.MISSING_COLUMNS',
      message:
        'Line 1: The header lacks columns: Provider type; Local authority (a name or an ONS code); Placement code; Placement provider code',
      details: {
        missing: [
          'Provider type',
          'Local authority (a name or an ONS code)',
          'Placement code',
          'Placement provider code',
        ],
        line: 1,
      },
    });
    expect(() => parser.push('URN,Setting name,Postcode\nSC999001,Test House,NE1 9ZZ\n')).toThrow(error);
    expect(() => parser.push('more')).toThrow(error);
  });

  it('refuses two columns that give the same field', () => {
    expect(() =>
      parseOfstedList('URN,Provider type,Name,LA,Placement code,PR code,Postcode,Setting postcode\n'),
    ).toThrow(
      expect.objectContaining({
        code: 'OFSTED.DUPLICATE_COLUMNS',
        details: { field: 'postcode', columns: ['Postcode', 'Setting postcode'], line: 1 },
      }),
    );
  });

  it('skips blank lines before the header and refuses a file with no header', () => {
    expect(parseOfstedList(`\n\n${CLEAN}`).rows.map((row) => row.line)).toEqual([4, 5, 6]);
    expect(() => parseOfstedList('\n\n')).toThrow(expect.objectContaining({ code: 'OFSTED.NO_HEADER' }));
    expect(() => parseOfstedList('')).toThrow(expect.objectContaining({ code: 'OFSTED.NO_HEADER' }));
  });

  it('refuses a header with broken quoting', () => {
    expect(() => parseOfstedList('URN,"Provider type\n')).toThrow(
      expect.objectContaining({ code: 'OFSTED.MALFORMED_HEADER', details: { line: 1 } }),
    );
  });
});

describe('OfstedListParser: local authorities', () => {
  const list = (authority: string, column = 'Local authority') =>
    file(
      `URN,Provider type,Setting name,${column},Placement code,Placement provider code,Setting postcode`,
      `SC999001,Children's Home,Test House,${authority},K2,PR4,NE1 9ZZ`,
    );
  const codes: Record<string, string> = { 'newcastle upon tyne': 'E08000021' };
  const localAuthorityCode = (name: string) => codes[name.toLowerCase()];

  it('maps a name to its ONS code through the lookup the caller gives', () => {
    expect(
      parseOfstedList(list('Newcastle  upon Tyne'), { localAuthorityCode }).rows[0].hostLocalAuthority,
    ).toEqual({ kind: 'ons-code', code: 'E08000021', name: 'Newcastle upon Tyne' });
  });

  it('reports a name the lookup does not know', () => {
    expect(parseOfstedList(list('Test Shire'), { localAuthorityCode }).problems).toEqual([
      {
        line: 2,
        field: 'localAuthority',
        column: 'Local authority',
        code: 'LOCAL_AUTHORITY.UNKNOWN',
        reason: `local authority "Test Shire" is not a children's services authority the import knows`,
        urn: 'SC999001',
      },
    ]);
  });

  it('takes an ONS code written in the name column', () => {
    expect(parseOfstedList(list('e09000033')).rows[0].hostLocalAuthority).toEqual({
      kind: 'ons-code',
      code: 'E09000033',
    });
  });

  it('refuses a district code: a district is served by its county', () => {
    expect(brief(parseOfstedList(list('E07000001', 'LA code')).problems)).toEqual([
      [2, 'localAuthorityCode', 'LOCAL_AUTHORITY.NOT_CHILDRENS_SERVICES'],
    ]);
    expect(brief(parseOfstedList(list('W06000015')).problems)).toEqual([
      [2, 'localAuthority', 'LOCAL_AUTHORITY.NOT_CHILDRENS_SERVICES'],
    ]);
  });

  it('reports a blank authority', () => {
    expect(parseOfstedList(list('')).problems).toMatchObject([
      { line: 2, field: 'localAuthority', code: 'VALUE.MISSING', reason: 'Local authority is blank' },
    ]);
  });
});
