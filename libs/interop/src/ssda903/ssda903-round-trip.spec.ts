import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainEvent, fold } from '@placematch/kernel';
import { childDecider, historicPlacementDecider } from '@placematch/placements';
import type { HistoricEpisode } from '@placematch/placements';
import { randomBytes } from 'node:crypto';
import { keyedIdDerivation, SSDA903_ID_KEY_INFO } from '@placematch/privacy';
import { returnIds } from './ssda903-ids';
import { buildReturnHistory, recordChildCommand, recordPlacementCommand } from './ssda903-history';
import { ReturnHistoryLog } from './ssda903-export';
import { parseSsda903File } from './ssda903.parser';
import type { Ssda903Problem } from './ssda903-rows';

// The SSDA903 round trip, pure: import -> export -> import into a fresh store -> export again, with the
// deciders standing in for the command pipeline and an array for the event log.

const LA = 'E08000021';
const AT = '2025-03-10T09:00:00.000Z';
const ids = returnIds(keyedIdDerivation(randomBytes(32), SSDA903_ID_KEY_INFO));
const TODAY = '2025-03-10';
const fixture = (name: string) =>
  readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'ssda903', name), 'utf8');

/** An event log and the command pipeline over it: read the stream, fold, decide, append. */
class Store {
  readonly log: { stream: string; event: DomainEvent }[] = [];

  private run<C, S, E extends DomainEvent>(
    stream: string,
    decider: { initialState: () => S; decide: (c: C, s: S) => E[]; evolve: (s: S, e: E) => S },
    command: C,
  ): number {
    const history = this.log.filter((e) => e.stream === stream).map((e) => e.event as E);
    const events = decider.decide(command, fold(decider, history));
    this.log.push(...events.map((event) => ({ stream, event })));
    return events.length;
  }

  /** Imports a return; returns the events written and the problems. */
  import(header: string, episodes: string): { written: number; problems: Ssda903Problem[] } {
    const h = parseSsda903File(header, 'header', { today: TODAY });
    const e = parseSsda903File(episodes, 'episodes', { today: TODAY });
    const history = buildReturnHistory({
      localAuthority: LA,
      ids,
      header: h.rows,
      episodes: e.rows,
      recorded: this.history().recorded(LA),
    });
    let written = 0;
    for (const child of history.children) {
      written += this.run(`child-${child.childId}`, childDecider, recordChildCommand(child, LA, AT));
      for (const placement of child.placements) {
        written += this.run(
          `placementhistory-${placement.placementId}`,
          historicPlacementDecider,
          recordPlacementCommand(child, placement, LA, AT),
        );
      }
    }
    return { written, problems: [...h.problems, ...e.problems, ...history.problems] };
  }

  history(): ReturnHistoryLog {
    const log = new ReturnHistoryLog();
    for (const { event } of this.log) log.apply(event);
    return log;
  }

  /** The placement histories as the log holds them, by stream. */
  placements(): Record<string, unknown> {
    return Object.fromEntries(
      this.log
        .filter((e) => e.event.type === 'HistoricPlacementRecorded')
        .map((e) => [e.stream, e.event.data]),
    );
  }
}

/** The episodes of an Episodes file as a set of lines (its header line left out). */
const episodeSet = (csv: string) => new Set(csv.trim().split('\r\n').slice(1));

describe('SSDA903 round trip', () => {
  const header = fixture('header-dirty.csv');
  const episodes = fixture('episodes-dirty.csv');

  it('import -> export -> import into a fresh store -> export gives identical files and the same histories', () => {
    const first = new Store();
    const imported = first.import(header, episodes);
    expect(imported.written).toBeGreaterThan(0);
    const exported = { header: first.history().headerCsv(LA), episodes: first.history().episodesCsv(LA) };

    const fresh = new Store();
    const again = fresh.import(exported.header, exported.episodes);
    expect(again.problems).toEqual([]);
    expect(fresh.history().headerCsv(LA)).toBe(exported.header);
    expect(fresh.history().episodesCsv(LA)).toBe(exported.episodes);
    // The same streams with the same histories: the same ids, the same placements, the same episodes.
    expect(fresh.placements()).toEqual(first.placements());
  });

  it("exports exactly the good rows: the file's episodes with their postcodes cut to sectors", () => {
    const store = new Store();
    store.import(header, episodes);
    const good = [2, 3, 4, 5, 6, 7, 8, 9, 12].map((line) => episodes.split('\n')[line - 1]);
    const sectors = (row: string) =>
      row
        .split(',')
        .slice(0, 13)
        .map((field, at) => (at === 10 || at === 11 ? field.replace(/^(\S+ \d)\S\S$/, '$1') : field))
        .join(',');
    expect(episodeSet(store.history().episodesCsv(LA))).toEqual(new Set(good.map(sectors)));
    expect(store.history().headerCsv(LA).split('\r\n')).toEqual([
      'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
      '1001,1,15/06/2012,WBRI,A123456789012,,',
      '1002,2,01/02/2006,MWBA,UN1,1,03/04/2023',
      '1003,2,29/02/2016,BAFR,,0,',
      '1009,1,01/01/2014,WBRI,,,',
      '',
    ]);
  });

  it('changes nothing when the same files are imported again', () => {
    const store = new Store();
    const first = store.import(header, episodes);
    const second = store.import(header, episodes);
    expect(second.written).toBe(0);
    expect(second.problems).toEqual(first.problems);
  });

  it('continues the placements of an earlier import with a later return', () => {
    const store = new Store();
    const year1 = [
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
      '1001,01/04/2021,S,V2,N4,U6,PR1,20/05/2021,X1,,NE1 9ZZ,NE3 1AB,SC999001',
      '1001,20/05/2021,L,C1,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001',
    ].join('\n');
    // The next year's return holds the episode open at the year end, now closed, and the ones after it.
    const year2 = [
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
      '1001,20/05/2021,L,C1,N4,U6,PR1,10/01/2022,X1,CARPL,NE1 9ZZ,NE3 1AB,SC999001',
      '1001,10/01/2022,L,C2,N4,U6,PR1,,,,NE1 9ZZ,NE3 1AB,SC999001',
    ].join('\n');
    const headerFile = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1001,1,15/06/2012,WBRI,,,\n';
    store.import(headerFile, year1);
    expect(store.import(headerFile, year2).problems).toEqual([]);
    const [placement] = Object.values(store.placements()) as { episodes: HistoricEpisode[] }[];
    expect(Object.keys(store.placements())).toHaveLength(1);
    expect(placement.episodes.map((e) => [e.startedOn, e.legalStatus, e.endedOn])).toEqual([
      ['2021-04-01', 'V2', '2021-05-20'],
      ['2021-05-20', 'C1', '2022-01-10'],
      ['2022-01-10', 'C2', null],
    ]);
  });
});
