import { deciderSpec } from '@placematch/kernel/testing';
import {
  HistoricEpisode,
  HistoricPlacementRecorded,
  RecordHistoricPlacement,
  continuesPlacement,
  historicPlacementDecider,
  historicPlacementStream,
} from '@placematch/placements';
import { LA, command, historicEpisode, ids } from '@placematch/placements/testing';

const { given } = deciderSpec(historicPlacementDecider);

const ep = historicEpisode;
/** An episode that ended with X1 on `on`. */
const until = (on: string, overrides: Partial<HistoricEpisode> = {}) =>
  ep({ endedOn: on, rec: 'X1', reasonPlaceChange: 'CARPL', ...overrides });

const record = (episodes: HistoricEpisode[], childAgeMonths = 98) =>
  command<RecordHistoricPlacement>('RecordHistoricPlacement', {
    placementId: ids.placement,
    childId: ids.child,
    localAuthority: LA,
    childAgeMonths,
    episodes,
  });

const recorded = (
  episodes: HistoricEpisode[],
  derived: Partial<HistoricPlacementRecorded['data']> = {},
  childAgeMonths = 98,
): HistoricPlacementRecorded => {
  const own = episodes.find((e) => !/^T/.test(e.placementType)) ?? episodes[0];
  const last = episodes[episodes.length - 1];
  return {
    type: 'HistoricPlacementRecorded',
    schemaVersion: 1,
    data: {
      placementId: ids.placement,
      childId: ids.child,
      localAuthority: LA,
      childAgeMonths,
      episodes,
      startedOn: episodes[0].startedOn,
      endedOn: last.endedOn,
      rec: last.rec,
      reasonPlaceChange: last.reasonPlaceChange,
      placementType: own.placementType,
      placeProvider: own.placeProvider,
      urn: own.urn,
      placementSector: own.placementSector,
      homeSector: own.homeSector,
      temporaryMoves: [],
      ...derived,
    },
  };
};

describe('continuesPlacement: turning SSDA903 episodes into placements', () => {
  const before = [until('2024-01-10')];

  it('1. a temporary move (T0-T4) continues the placement', () => {
    expect(continuesPlacement(before, ep({ startedOn: '2024-01-10', placementType: 'T1', urn: null }))).toBe(
      true,
    );
  });

  it('2. a legal-status-only change (RNE L) continues it', () => {
    expect(continuesPlacement(before, ep({ startedOn: '2024-01-10', reasonNewEpisode: 'L' }))).toBe(true);
  });

  it('3. coming back from a temporary move to the same place continues it; going elsewhere does not', () => {
    const away = [
      ...before,
      until('2024-01-14', { startedOn: '2024-01-10', placementType: 'T1', urn: null }),
    ];
    expect(continuesPlacement(away, ep({ startedOn: '2024-01-14' }))).toBe(true);
    expect(continuesPlacement(away, ep({ startedOn: '2024-01-14', placementSector: 'NE4 1' }))).toBe(false);
  });

  it('3. after a placement that begins with a temporary move (before the history), the next place is its own', () => {
    const away = [until('2024-01-14', { placementType: 'T2', urn: null })];
    expect(continuesPlacement(away, ep({ startedOn: '2024-01-14', placementType: 'K2' }))).toBe(true);
  });

  it('4. same carers (RNE T or U) and the same place continue it; a changed place does not', () => {
    expect(continuesPlacement(before, ep({ startedOn: '2024-01-10', reasonNewEpisode: 'T' }))).toBe(true);
    expect(continuesPlacement(before, ep({ startedOn: '2024-01-10', reasonNewEpisode: 'U' }))).toBe(true);
    expect(
      continuesPlacement(before, ep({ startedOn: '2024-01-10', reasonNewEpisode: 'T', placementType: 'U1' })),
    ).toBe(false);
  });

  it('starts a new placement for P and B even in the same place, and always for S', () => {
    for (const rne of ['P', 'B', 'S'] as const) {
      expect(continuesPlacement(before, ep({ startedOn: '2024-01-10', reasonNewEpisode: rne }))).toBe(false);
    }
  });

  it('starts a new placement after a gap, after leaving care, and for the first episode', () => {
    expect(continuesPlacement(before, ep({ startedOn: '2024-01-11', reasonNewEpisode: 'L' }))).toBe(false);
    expect(
      continuesPlacement(
        [until('2024-01-10', { rec: 'E4A' })],
        ep({ startedOn: '2024-01-10', reasonNewEpisode: 'L' }),
      ),
    ).toBe(false);
    expect(continuesPlacement([], ep({ reasonNewEpisode: 'L' }))).toBe(false);
  });
});

describe('Placement: recorded from an SSDA903 return', () => {
  const history = [
    until('2024-01-10'),
    until('2024-01-14', { startedOn: '2024-01-10', reasonNewEpisode: 'P', placementType: 'T1', urn: null }),
    until('2024-03-01', { startedOn: '2024-01-14', reasonNewEpisode: 'P' }),
    ep({ startedOn: '2024-03-01', reasonNewEpisode: 'L', legalStatus: 'E1' }),
  ];

  it('records the episodes with the placement, its span and its temporary moves derived', () => {
    given([])
      .when(record(history))
      .then([
        recorded(history, {
          temporaryMoves: [{ code: 'T1', startedOn: '2024-01-10', endedOn: '2024-01-14' }],
        }),
      ]);
  });

  it('derives the ending from the last episode', () => {
    const ended = [until('2024-06-30', { rec: 'E4A', reasonPlaceChange: null })];
    given([])
      .when(record(ended))
      .then([recorded(ended)]);
  });

  it('joins consecutive temporary episodes with one code into one move', () => {
    const episodes = [
      until('2024-01-10'),
      until('2024-01-12', { startedOn: '2024-01-10', placementType: 'T1', urn: null }),
      until('2024-01-20', {
        startedOn: '2024-01-12',
        reasonNewEpisode: 'L',
        legalStatus: 'E1',
        placementType: 'T1',
        urn: null,
      }),
      ep({ startedOn: '2024-01-20', legalStatus: 'E1' }),
    ];
    const [event] = given([])
      .when(record(episodes))
      .then([
        recorded(episodes, {
          temporaryMoves: [{ code: 'T1', startedOn: '2024-01-10', endedOn: '2024-01-20' }],
        }),
      ]) as HistoricPlacementRecorded[];
    expect(event.data.temporaryMoves).toHaveLength(1);
  });

  it('takes its place from the first episode that is not a temporary move', () => {
    const episodes = [
      until('2024-01-14', { placementType: 'T2', urn: null, placementSector: null }),
      ep({ startedOn: '2024-01-14', placementType: 'K2', urn: 'SC123456' }),
    ];
    const [event] = given([])
      .when(record(episodes))
      .then([
        recorded(episodes, {
          placementType: 'K2',
          urn: 'SC123456',
          temporaryMoves: [{ code: 'T2', startedOn: '2023-09-01', endedOn: '2024-01-14' }],
        }),
      ]) as HistoricPlacementRecorded[];
    expect(event.data.startedOn).toBe('2023-09-01');
  });

  it('does nothing when the same history is imported again', () => {
    given([
      recorded(history, { temporaryMoves: [{ code: 'T1', startedOn: '2024-01-10', endedOn: '2024-01-14' }] }),
    ])
      .when(record(history))
      .thenNothing();
  });

  it('takes a later return that adds an episode and the ending', () => {
    const first = [ep()];
    const later = [
      until('2024-05-01'),
      ep({ startedOn: '2024-05-01', reasonNewEpisode: 'L', legalStatus: 'E1' }),
    ];
    given([recorded(first)])
      .when(record(later))
      .then([recorded(later)]);
  });

  it('refuses a history that starts on another day or belongs to another child', () => {
    given([recorded([ep()])])
      .when(record([ep({ startedOn: '2023-09-02' })]))
      .thenThrows('PLACEMENT.HISTORY_CONFLICT');
    given([recorded([ep()])])
      .when({ ...record([ep()]), data: { ...record([ep()]).data, childId: ids.sibling } })
      .thenThrows('PLACEMENT.HISTORY_CONFLICT');
  });

  it.each<[string, HistoricEpisode[]]>([
    ['PLACEMENT.HISTORY_EMPTY', []],
    ['PLACEMENT.HISTORY_NOT_ONE_PLACEMENT', [until('2024-01-10'), ep({ startedOn: '2024-01-10' })]],
    [
      'PLACEMENT.HISTORY_NOT_ONE_PLACEMENT',
      [until('2024-01-10'), ep({ startedOn: '2024-01-11', reasonNewEpisode: 'L' })],
    ],
    ['PLACEMENT.HISTORY_ONLY_TEMPORARY', [ep({ placementType: 'T4', urn: null })]],
    ['PLACEMENT.INVALID_DATE', [ep({ startedOn: '01/09/2023' })]],
    ['PLACEMENT.DATE_IN_FUTURE', [ep({ startedOn: '2025-03-11' })]],
    ['PLACEMENT.ENDS_BEFORE_START', [ep({ endedOn: '2023-08-31', rec: 'E8' })]],
    ['PLACEMENT.REC_WITHOUT_DEC', [ep({ endedOn: '2024-01-01' })]],
    ['PLACEMENT.REC_WITHOUT_DEC', [ep({ rec: 'E8' })]],
    ['PLACEMENT.UNKNOWN_REC', [ep({ endedOn: '2024-01-01', rec: 'E43' as never })]],
    ['PLACEMENT.INVALID_REASON_NEW_EPISODE', [ep({ reasonNewEpisode: 'X' as never })]],
    ['PLACEMENT.UNKNOWN_LEGAL_STATUS', [ep({ legalStatus: 'C3' as never })]],
    ['PLACEMENT.UNKNOWN_CIN_CATEGORY', [ep({ cinCategory: 'N9' as never })]],
    ['PLACEMENT.UNKNOWN_PLACEMENT_TYPE', [ep({ placementType: 'Q1' as never })]],
    ['PLACEMENT.UNKNOWN_PLACE_PROVIDER', [ep({ placeProvider: 'PR6' as never })]],
    ['PLACEMENT.INVALID_URN', [ep({ urn: 'SC12' })]],
    ['PLACEMENT.INVALID_SECTOR', [ep({ placementSector: 'NE3 1AB' })]],
    ['PLACEMENT.UNKNOWN_REASON_PLACE_CHANGE', [ep({ reasonPlaceChange: 'MOVED' as never })]],
  ])('refuses %s', (code, episodes) => {
    given([]).when(record(episodes)).thenThrows(code);
  });

  it('refuses an age out of range and an authority that is not a children’s services one', () => {
    given([])
      .when(record([ep()], 301))
      .thenThrows('PLACEMENT.INVALID_AGE');
    given([])
      .when({ ...record([ep()]), data: { ...record([ep()]).data, localAuthority: 'E07000001' } })
      .thenThrows('PLACEMENT.INVALID_LOCAL_AUTHORITY');
  });

  it('accepts the URN placeholder and blank provider, URN and postcodes', () => {
    const episodes = [ep({ urn: 'XXXXXXX', placeProvider: null, homeSector: null, placementSector: null })];
    given([])
      .when(record(episodes))
      .then([recorded(episodes)]);
  });

  it('lives in a stream apart from live placements: placementhistory-<id>', () => {
    expect(historicPlacementStream(ids.placement)).toBe(`placementhistory-${ids.placement}`);
  });
});
