import { fold } from '@placematch/kernel';
import {
  childDecider,
  historicPlacementDecider,
  type ChildEvent,
  type HistoricPlacementEvent,
} from '@placematch/placements';
import { SSDA903_EPISODES_COLUMNS, SSDA903_HEADER_COLUMNS } from './ssda903-columns';
import { ReturnHistoryLog } from './ssda903-export';
import { randomBytes } from 'node:crypto';
import { keyedIdDerivation, SSDA903_ID_KEY_INFO } from '@placematch/privacy';
import { returnIds } from './ssda903-ids';
import { buildReturnHistory, recordChildCommand, recordPlacementCommand } from './ssda903-history';
import { parseSsda903File } from './ssda903.parser';

const AT = '2025-03-10T09:00:00.000Z';
const ids = returnIds(keyedIdDerivation(randomBytes(32), SSDA903_ID_KEY_INFO));
const options = { today: '2025-03-10' };

/** The events an import of these rows writes for `la` into an empty store. */
const imported = (la: string, header: string[], episodes: string[]) => {
  const built = buildReturnHistory({
    localAuthority: la,
    ids,
    header: parseSsda903File([SSDA903_HEADER_COLUMNS.join(','), ...header].join('\n'), 'header', options)
      .rows,
    episodes: parseSsda903File(
      [SSDA903_EPISODES_COLUMNS.join(','), ...episodes].join('\n'),
      'episodes',
      options,
    ).rows,
  });
  return built.children.flatMap((child) => [
    ...childDecider.decide(recordChildCommand(child, la, AT), fold(childDecider, [] as ChildEvent[])),
    ...child.placements.flatMap((p) =>
      historicPlacementDecider.decide(
        recordPlacementCommand(child, p, la, AT),
        fold(historicPlacementDecider, [] as HistoricPlacementEvent[]),
      ),
    ),
  ]);
};

const LA = 'E08000021';
const events = [
  ...imported(
    LA,
    ['1002,2,01/02/2006,MWBA,UN1,1,03/04/2023', '1001,1,15/06/2012,WBRI,,,'],
    [
      '1002,05/06/2019,S,C2,N1,U4,PR4,,,,TS1 1AA,,SC999003',
      '1001,01/09/2022,P,C2,N4,K2,PR4,,,,NE1 9ZZ,DH1 4XY,SC999002',
      '1001,01/04/2021,S,V2,N4,U6,PR1,01/09/2022,X1,CREQB,NE1 9ZZ,NE3 1AB,SC999001',
    ],
  ),
  ...imported('E08000022', ['1001,2,01/01/2015,WBRI,,,'], ['1001,01/04/2024,S,V2,N1,R1,PR4,,,,,,']),
];

const logOf = (list: { type: string; data: unknown }[]) => {
  const log = new ReturnHistoryLog();
  list.forEach((e) => log.apply(e));
  return log;
};

describe('ReturnHistoryLog: the export of the log as a return', () => {
  it('writes the Header and Episodes files of an authority, by CHILD and DECOM, postcodes as sectors', () => {
    const log = logOf(events);
    expect(log.headerCsv(LA)).toBe(
      'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n' +
        '1001,1,15/06/2012,WBRI,,,\r\n' +
        '1002,2,01/02/2006,MWBA,UN1,1,03/04/2023\r\n',
    );
    expect(log.episodesCsv(LA)).toBe(
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n' +
        '1001,01/04/2021,S,V2,N4,U6,PR1,01/09/2022,X1,CREQB,NE1 9,NE3 1,SC999001\r\n' +
        '1001,01/09/2022,P,C2,N4,K2,PR4,,,,NE1 9,DH1 4,SC999002\r\n' +
        '1002,05/06/2019,S,C2,N1,U4,PR4,,,,TS1 1,,SC999003\r\n',
    );
  });

  it('knows the authorities, and keeps each one’s children apart', () => {
    const log = logOf(events);
    expect(log.authorities()).toEqual(['E08000021', 'E08000022']);
    expect(log.episodeRows('E08000022').slice(1)).toEqual([
      ['1001', '01/04/2024', 'S', 'V2', 'N1', 'R1', 'PR4', '', '', '', '', '', ''],
    ]);
    expect(log.children().map((c) => [c.header.returnChildId, c.header.localAuthority])).toEqual([
      ['1001', 'E08000021'],
      ['1001', 'E08000022'],
      ['1002', 'E08000021'],
    ]);
  });

  it('leaves out an erased child and their placements', () => {
    const [first] = events; // 1001's record: the import goes by CHILD
    const childId = (first.data as { childId: string }).childId;
    const log = logOf([...events, { type: 'ChildErased', data: { childId, reason: 'test', erasedAt: AT } }]);
    expect(log.headerRows(LA).map((r) => r[0])).toEqual(['CHILD', '1002']);
    expect(log.episodeRows(LA).map((r) => r[0])).toEqual(['CHILD', '1002']);
  });

  it('leaves out a child whose personal fields read as erased (the key is gone)', () => {
    const erased = events.map((e) =>
      e.type === 'ChildRecordedFromReturn' && (e.data as { returnChildId: string }).returnChildId === '1002'
        ? { ...e, data: { ...e.data, returnChildId: { erased: true }, dateOfBirth: { erased: true } } }
        : e,
    );
    expect(
      logOf(erased)
        .headerRows(LA)
        .map((r) => r[0]),
    ).toEqual(['CHILD', '1001']);
  });

  it('gives what earlier imports recorded, by CHILD, for the next import', () => {
    const recorded = logOf(events).recorded(LA);
    expect([...recorded.keys()]).toEqual(['1001', '1002']);
    expect(recorded.get('1001')?.map((p) => p.map((e) => e.startedOn))).toEqual([
      ['2021-04-01'],
      ['2022-09-01'],
    ]);
  });

  it('takes the latest history of a placement, and ignores other events', () => {
    const placement = events.find((e) => e.type === 'HistoricPlacementRecorded') as HistoricPlacementEvent;
    const later = {
      ...placement,
      data: { ...placement.data, episodes: [{ ...placement.data.episodes[0], legalStatus: 'C2' as const }] },
    };
    const log = logOf([...events, later, { type: 'PlacementStarted', data: {} }]);
    expect(log.episodeRows(LA)[1][3]).toBe('C2');
  });
});
