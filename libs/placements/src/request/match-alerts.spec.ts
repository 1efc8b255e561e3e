import { fold } from '@placematch/kernel';
import { deciderSpec } from '@placematch/kernel/testing';
import type { SettingId } from '@placematch/supply';
import {
  GiveApproval,
  MATCH_ALERT_TOP_N,
  MatchAlertRaised,
  MatchAlertTrigger,
  PlaceHold,
  RecordMatchAlert,
  RecordSearch,
  RequestWithdrawn,
  SearchId,
  SearchRun,
  SearchSummaryEntry,
  HoldPlaced,
  latestSearch,
  requestDecider,
} from '@placematch/placements';
import {
  AT,
  approvalRequested,
  command,
  event,
  ids,
  placementRequested,
  searchRun,
  shortlisted,
  topEntry,
} from '@placematch/placements/testing';

const { given } = deciderSpec(requestDecider);

const setting = (n: number) =>
  `00000000-0000-4000-8000-0000000004${n.toString(16).padStart(2, '0')}` as SettingId;
const RERUN = '00000000-0000-4000-8000-000000000310' as SearchId;
const AGAIN = '00000000-0000-4000-8000-000000000311' as SearchId;
const trigger: MatchAlertTrigger = { settingId: setting(9), eventId: 'event-1' };
const choices = { secureCriteriaMet: false, keepSiblingsTogether: true, limit: 20 };

/** A top of the given settings in rank order, scores falling. */
const top = (...settings: SettingId[]): SearchSummaryEntry[] =>
  settings.map((settingId, i) => topEntry({ settingId, score: 0.9 - i / 100 }));

/** The data of a search (as RecordSearch takes it) with the given top. */
const searchData = (searchId: SearchId, settings: SettingId[]): RecordSearch['data'] => ({
  searchId,
  policyVersion: 'placematch-default@1',
  resultCount: settings.length,
  top: top(...settings),
  results: { matches: settings.map((settingId) => ({ settingId })) },
  choices,
});

/** The person's search the alerts compare with: settings 1 to 5 in its top, 6 below. */
const first = searchRun(searchData(ids.search, [1, 2, 3, 4, 5, 6].map(setting)));

const rerun = (settings: SettingId[], searchId = RERUN, role = 'system') =>
  command<RecordMatchAlert>('RecordMatchAlert', { search: searchData(searchId, settings), trigger, role });
const rerunRecorded = (settings: SettingId[], searchId = RERUN) =>
  event<SearchRun>('SearchRun', { ...searchData(searchId, settings), runAt: AT });
const alerted = (settingIds: SettingId[], searchId = RERUN) =>
  event<MatchAlertRaised>('MatchAlertRaised', { searchId, settingIds, trigger, raisedAt: AT });

describe('Request: match alerts when supply changes', () => {
  it(`compares the first ${MATCH_ALERT_TOP_N} settings of a search`, () => {
    expect(MATCH_ALERT_TOP_N).toBe(5);
  });

  it('M-04: records the re-run search and an alert naming the settings newly in its top 5, in rank order', () => {
    const settings = [7, 1, 2, 8, 3, 4].map(setting);
    given([placementRequested(), first])
      .when(rerun(settings))
      .then([rerunRecorded(settings), alerted([setting(7), setting(8)])]);
  });

  it('M-04: an alert is a menu, never a choice: nothing is shortlisted or referred by it', () => {
    const settings = [7, 1, 2, 3, 4].map(setting);
    const history = [placementRequested(), first, shortlisted(setting(1))];
    const events = given(history)
      .when(rerun(settings))
      .then([rerunRecorded(settings), alerted([setting(7)])]);
    const after = fold(requestDecider, [...history, ...events]);
    if (after.status !== 'Open') throw new Error('expected an open request');
    expect(Object.keys(after.shortlist)).toEqual([setting(1)]);
    expect(after.referrals).toEqual({});
    expect(after.matchAlerts).toEqual([alerted([setting(7)]).data]);
  });

  it('records nothing when the top 5 holds the same settings in another order', () => {
    given([placementRequested(), first])
      .when(rerun([5, 4, 3, 2, 1, 6].map(setting)))
      .thenNothing();
  });

  it('records nothing when a new setting enters below the top 5 only', () => {
    given([placementRequested(), first])
      .when(rerun([1, 2, 3, 4, 5, 7].map(setting)))
      .thenNothing();
  });

  it('records nothing when settings only leave the top 5', () => {
    given([placementRequested(), first])
      .when(rerun([1, 2, 3].map(setting)))
      .thenNothing();
  });

  it('records one alert for one change: a redelivered re-run compares with the search the alert recorded', () => {
    const settings = [7, 1, 2, 3, 4].map(setting);
    given([placementRequested(), first, rerunRecorded(settings), alerted([setting(7)])])
      .when(rerun(settings, AGAIN))
      .thenNothing();
  });

  it('does nothing when the same re-run is recorded again (a retried command)', () => {
    const settings = [7, 1, 2, 3, 4].map(setting);
    given([placementRequested(), first, rerunRecorded(settings), alerted([setting(7)])])
      .when(rerun(settings))
      .thenNothing();
  });

  it('compares with the latest search, a person’s search after an alert included', () => {
    const alertedSettings = [7, 1, 2, 3, 4].map(setting);
    const later = event<SearchRun>('SearchRun', {
      ...searchData(AGAIN, [8, 7, 1, 2, 3].map(setting)),
      runAt: '2025-03-10T10:00:00.000Z',
    });
    const history = [
      placementRequested(),
      first,
      rerunRecorded(alertedSettings),
      alerted([setting(7)]),
      later,
    ];
    const state = given(history).when(rerun(alertedSettings)).state();
    if (state.status === 'NotRequested') throw new Error('expected a request');
    expect(latestSearch(state)?.searchId).toBe(AGAIN);
    const third = '00000000-0000-4000-8000-000000000312' as SearchId;
    const settings = [8, 7, 1, 2, 9].map(setting);
    given(history)
      .when(rerun(settings, third))
      .then([rerunRecorded(settings, third), alerted([setting(9)], third)]);
  });

  it('raises alerts while the IRO holds the decision: news is not a decision', () => {
    const settings = [7, 1, 2, 3, 4].map(setting);
    const held = event<HoldPlaced>('HoldPlaced', { reason: 'Dispute about the care plan', placedAt: AT });
    given([placementRequested(), first, held])
      .when(rerun(settings))
      .then([rerunRecorded(settings), alerted([setting(7)])]);
  });

  it('is refused before people have searched the request', () => {
    given([placementRequested()])
      .when(rerun([1].map(setting)))
      .thenThrows('MATCH_ALERT.NO_EARLIER_SEARCH');
  });

  it('is refused once the request is withdrawn', () => {
    const withdrawn = event<RequestWithdrawn>('RequestWithdrawn', {
      reason: 'Returned home',
      withdrawnAt: AT,
    });
    given([placementRequested(), first, withdrawn])
      .when(rerun([7].map(setting)))
      .thenThrows('REQUEST.WITHDRAWN');
  });

  it('is refused for a request that does not exist', () => {
    given([])
      .when(rerun([7].map(setting)))
      .thenThrows('REQUEST.NOT_FOUND');
  });

  it('is the system’s only: a person’s role is refused', () => {
    given([placementRequested(), first])
      .when(rerun([7].map(setting), RERUN, 'placement-officer'))
      .thenThrows('MATCH_ALERT.SYSTEM_ONLY');
  });

  it('M-12: the system role decides nothing people decide: it can neither give an approval nor hold a decision', () => {
    given([placementRequested(), first, shortlisted(), approvalRequested('out-of-authority')])
      .when(command<GiveApproval>('GiveApproval', { approvalId: ids.approval, role: 'system' }))
      .thenThrows('APPROVAL.ROLE_NOT_ALLOWED');
    given([placementRequested(), first])
      .when(command<PlaceHold>('PlaceHold', { role: 'system', reason: 'Automatic' }))
      .thenThrows('HOLD.IRO_ONLY');
  });

  it('refuses a trigger without the event id', () => {
    given([placementRequested(), first])
      .when(
        command<RecordMatchAlert>('RecordMatchAlert', {
          search: searchData(RERUN, [7].map(setting)),
          trigger: { settingId: setting(7), eventId: ' ' },
          role: 'system',
        }),
      )
      .thenThrows('MATCH_ALERT.INVALID_TRIGGER');
  });

  it('checks the re-run search as it checks a person’s', () => {
    given([placementRequested(), first])
      .when(
        command<RecordMatchAlert>('RecordMatchAlert', {
          search: { ...searchData(RERUN, [7].map(setting)), policyVersion: '' },
          trigger,
          role: 'system',
        }),
      )
      .thenThrows('SEARCH.POLICY_VERSION_REQUIRED');
  });
});

describe('Request: the choices a search was run with', () => {
  it('keeps them with the search, so a re-run searches the same way', () => {
    const data = searchData(ids.search, [setting(1)]);
    given([placementRequested()])
      .when(command<RecordSearch>('RecordSearch', data))
      .then([event<SearchRun>('SearchRun', { ...data, runAt: AT })]);
  });

  it('refuses choices that are not what a search takes', () => {
    given([placementRequested()])
      .when(
        command<RecordSearch>('RecordSearch', {
          ...searchData(ids.search, [setting(1)]),
          choices: { ...choices, limit: 0 },
        }),
      )
      .thenThrows('SEARCH.INVALID_CHOICES');
  });
});
