import { fold } from '@placematch/kernel';
import { deciderSpec } from '@placematch/kernel/testing';
import {
  AdmissionsSuspended,
  ComplianceNoticeIssued,
  DeregisterProvider,
  IssueComplianceNotice,
  OfstedJudgementRecorded,
  ProviderDeregistered,
  RecordNoticeComplied,
  RecordNoticeNotComplied,
  RecordOfstedJudgement,
  RegisterProvider,
  RestoreAdmissions,
  SuspendAdmissions,
  latestJudgement,
  placementProviderCode,
  providerDecider,
  providerStream,
} from '@placematch/supply';
import {
  AT,
  TODAY,
  command,
  daysAfter,
  event,
  ids,
  providerDetails,
  providerRegistered,
} from '@placematch/supply/testing';

const { given } = deciderSpec(providerDecider);

const register = (overrides: Parameters<typeof providerDetails>[0] = {}) =>
  command<RegisterProvider>('RegisterProvider', providerDetails(overrides));
const judgement = (data: RecordOfstedJudgement['data'], at?: string) =>
  command<RecordOfstedJudgement>('RecordOfstedJudgement', data, { at });
const noticeData = (
  overrides: Partial<IssueComplianceNotice['data']> = {},
): IssueComplianceNotice['data'] => ({
  noticeId: ids.notice,
  issuedOn: '2025-03-03',
  failure: 'Staff recruitment checks were not completed',
  actionRequired: 'Complete the checks for every member of staff',
  deadline: '2025-04-03',
  ...overrides,
});
const noticeIssued = (overrides: Partial<IssueComplianceNotice['data']> = {}) =>
  event<ComplianceNoticeIssued>('ComplianceNoticeIssued', noticeData(overrides));
const suspend = (data: SuspendAdmissions['data']) => command<SuspendAdmissions>('SuspendAdmissions', data);
const suspended = event<AdmissionsSuspended>('AdmissionsSuspended', {
  reason: 'Ofsted restriction',
  since: AT,
});
const deregistered = event<ProviderDeregistered>('ProviderDeregistered', {
  reason: 'Closed by its owner',
  at: AT,
});

describe('Provider: registration', () => {
  it('registers a provider', () => {
    given([]).when(register()).then([providerRegistered()]);
  });

  it('trims the name', () => {
    given([])
      .when(register({ name: '  Test Fostering Ltd ' }))
      .then([providerRegistered()]);
  });

  it('does nothing when the same provider is registered again', () => {
    given([providerRegistered()]).when(register()).thenNothing();
  });

  it('refuses to register it again with other details', () => {
    given([providerRegistered()])
      .when(register({ name: 'Test Care Ltd' }))
      .thenThrows('PROVIDER.ALREADY_REGISTERED');
  });

  it.each(['SC123456', '2907824', 'XXXXXXX'])('accepts the URN %s', (ofstedUrn) => {
    given([])
      .when(register({ ofstedUrn }))
      .then([providerRegistered({ ofstedUrn })]);
  });

  it.each(['SC12345', '290782', 'sc123456', 'SC1234567', 'XXXXXX', ''])(
    'refuses the URN "%s"',
    (ofstedUrn) => {
      given([]).when(register({ ofstedUrn })).thenThrows('PROVIDER.INVALID_URN');
    },
  );

  it.each(['E06000047', 'E08000021', 'E09000001', 'E10000014'])('accepts the host authority %s', (code) => {
    given([])
      .when(register({ hostLocalAuthority: code }))
      .then([providerRegistered({ hostLocalAuthority: code })]);
  });

  it.each(['E07000026', 'W06000015', 'E0800002', 'e08000021', 'Newcastle'])(
    'refuses the host authority %s (not an English children’s services authority)',
    (code) => {
      given([])
        .when(register({ hostLocalAuthority: code }))
        .thenThrows('PROVIDER.INVALID_LOCAL_AUTHORITY');
    },
  );

  it('refuses an unknown provider code', () => {
    given([])
      .when(register({ providerCode: 'PR9' as never }))
      .thenThrows('PROVIDER.INVALID_PROVIDER_CODE');
  });

  it.each([
    ['independent-fostering-agency', 'PR1'],
    ['local-authority-fostering-service', 'PR4'],
    ['local-authority-fostering-service', 'PR2'],
    ['childrens-home-operator', 'PR0'],
  ] as const)('refuses a %s registering as %s', (providerType, providerCode) => {
    given([])
      .when(register({ providerType, providerCode }))
      .thenThrows('PROVIDER.PROVIDER_CODE_DOES_NOT_MATCH_TYPE');
  });

  it('refuses an unknown provider type', () => {
    given([])
      .when(register({ providerType: 'agency' as never }))
      .thenThrows('PROVIDER.INVALID_TYPE');
  });

  it('refuses a blank name', () => {
    given([])
      .when(register({ name: ' ' }))
      .thenThrows('PROVIDER.NAME_REQUIRED');
  });

  it('names its stream provider-<id>', () =>
    expect(providerStream(ids.provider)).toBe(`provider-${ids.provider}`));
});

describe('Provider: Ofsted judgements', () => {
  const recorded = (judgement: OfstedJudgementRecorded['data']['judgement'], inspectionDate: string) =>
    event<OfstedJudgementRecorded>('OfstedJudgementRecorded', { judgement, inspectionDate });

  it('records a judgement', () => {
    given([providerRegistered()])
      .when(judgement({ judgement: 'Good', inspectionDate: '2025-02-12' }))
      .then([recorded('Good', '2025-02-12')]);
  });

  it('accepts an inspection dated today in England even when the UTC date is still yesterday', () => {
    // 23:30 UTC on 31 March 2025 is 00:30 on 1 April in England (British Summer Time).
    given([providerRegistered()])
      .when(judgement({ judgement: 'Good', inspectionDate: '2025-04-01' }, '2025-03-31T23:30:00.000Z'))
      .then([recorded('Good', '2025-04-01')]);
  });

  it('refuses an inspection dated in the future', () => {
    given([providerRegistered()])
      .when(judgement({ judgement: 'Good', inspectionDate: '2025-03-11' }))
      .thenThrows('OFSTED.INSPECTION_IN_FUTURE');
  });

  it('refuses a judgement Ofsted does not give', () => {
    given([providerRegistered()])
      .when(judgement({ judgement: 'Satisfactory' as never, inspectionDate: '2025-02-12' }))
      .thenThrows('OFSTED.INVALID_JUDGEMENT');
  });

  it('refuses a date that does not exist', () => {
    given([providerRegistered()])
      .when(judgement({ judgement: 'Good', inspectionDate: '2025-02-30' }))
      .thenThrows('OFSTED.INVALID_DATE');
  });

  it('does nothing when the same inspection is recorded again', () => {
    given([providerRegistered(), recorded('Good', '2025-02-12')])
      .when(judgement({ judgement: 'Good', inspectionDate: '2025-02-12' }))
      .thenNothing();
  });

  it('refuses a judgement for a provider that is not registered', () => {
    given([])
      .when(judgement({ judgement: 'Good', inspectionDate: '2025-02-12' }))
      .thenThrows('PROVIDER.NOT_REGISTERED');
  });

  it('keeps the latest inspection by date, even when an older one is recorded after it', () => {
    const state = given([
      providerRegistered(),
      recorded('Requires improvement', '2024-11-01'),
      recorded('Outstanding', '2022-05-01'),
    ])
      .when(judgement({ judgement: 'Good', inspectionDate: '2025-01-01' }))
      .state();
    expect(latestJudgement(state)).toEqual({
      judgement: 'Requires improvement',
      inspectionDate: '2024-11-01',
    });
    expect(latestJudgement(providerDecider.initialState())).toBeUndefined();
  });
});

describe('Provider: compliance notices (M-48)', () => {
  const issue = (overrides: Partial<IssueComplianceNotice['data']> = {}) =>
    command<IssueComplianceNotice>('IssueComplianceNotice', noticeData(overrides));
  const complied = command<RecordNoticeComplied>('RecordNoticeComplied', { noticeId: ids.notice });
  const notComplied = (at: string) =>
    command<RecordNoticeNotComplied>('RecordNoticeNotComplied', { noticeId: ids.notice }, { at });

  it('M-48: records a notice with the failure, the action needed and the deadline', () => {
    given([providerRegistered()]).when(issue()).then([noticeIssued()]);
  });

  it('M-48: refuses a notice without the action needed', () => {
    given([providerRegistered()])
      .when(issue({ actionRequired: '' }))
      .thenThrows('NOTICE.DETAILS_REQUIRED');
  });

  it('refuses a deadline on or before the issue date', () => {
    given([providerRegistered()])
      .when(issue({ deadline: '2025-03-03' }))
      .thenThrows('NOTICE.DEADLINE_NOT_AFTER_ISSUE');
  });

  it('refuses a notice issued in the future', () => {
    given([providerRegistered()])
      .when(issue({ issuedOn: '2025-03-11', deadline: '2025-04-11' }))
      .thenThrows('NOTICE.ISSUED_IN_FUTURE');
  });

  it('does nothing when the same notice is recorded again', () => {
    given([providerRegistered(), noticeIssued()]).when(issue()).thenNothing();
  });

  it('refuses a different notice under the same id', () => {
    given([providerRegistered(), noticeIssued()])
      .when(issue({ deadline: '2025-05-01' }))
      .thenThrows('NOTICE.ALREADY_ISSUED');
  });

  it('M-48: records that a notice was complied with', () => {
    given([providerRegistered(), noticeIssued()])
      .when(complied)
      .then([event('ComplianceNoticeComplied', { noticeId: ids.notice, on: TODAY })]);
  });

  it('does nothing when compliance is recorded twice', () => {
    given([
      providerRegistered(),
      noticeIssued(),
      event('ComplianceNoticeComplied', { noticeId: ids.notice, on: TODAY }),
    ])
      .when(complied)
      .thenNothing();
  });

  it('M-48: records non-compliance once the deadline has passed', () => {
    given([providerRegistered(), noticeIssued()])
      .when(notComplied('2025-04-04T09:00:00.000Z'))
      .then([event('ComplianceNoticeNotComplied', { noticeId: ids.notice, on: '2025-04-04' })]);
  });

  it('refuses non-compliance before the deadline has passed', () => {
    given([providerRegistered(), noticeIssued()])
      .when(notComplied('2025-04-03T09:00:00.000Z'))
      .thenThrows('NOTICE.DEADLINE_NOT_PASSED');
  });

  it('refuses non-compliance of a notice already complied with', () => {
    given([
      providerRegistered(),
      noticeIssued(),
      event('ComplianceNoticeComplied', { noticeId: ids.notice, on: TODAY }),
    ])
      .when(notComplied('2025-04-04T09:00:00.000Z'))
      .thenThrows('NOTICE.ALREADY_RESOLVED');
  });

  it('refuses an outcome for an unknown notice', () => {
    given([providerRegistered()]).when(complied).thenThrows('NOTICE.NOT_FOUND');
  });
});

describe('Provider: admissions (M-48)', () => {
  const restore = command<RestoreAdmissions>('RestoreAdmissions', {});

  it('M-48: suspends admissions with a reason', () => {
    given([providerRegistered()])
      .when(suspend({ reason: 'Ofsted restriction' }))
      .then([suspended]);
  });

  it('M-48: links a suspension to the notice behind it', () => {
    given([providerRegistered(), noticeIssued()])
      .when(suspend({ reason: 'Ofsted restriction', noticeId: ids.notice }))
      .then([
        event('AdmissionsSuspended', { reason: 'Ofsted restriction', noticeId: ids.notice, since: AT }),
      ]);
  });

  it('refuses a suspension that cites an unknown notice', () => {
    given([providerRegistered()])
      .when(suspend({ reason: 'Ofsted restriction', noticeId: ids.otherNotice }))
      .thenThrows('NOTICE.NOT_FOUND');
  });

  it('M-48: does nothing when a suspended provider is suspended again', () => {
    given([providerRegistered(), suspended])
      .when(suspend({ reason: 'Ofsted restriction' }))
      .thenNothing();
  });

  it('refuses a suspension without a reason', () => {
    given([providerRegistered()])
      .when(suspend({ reason: '' }))
      .thenThrows('PROVIDER.REASON_REQUIRED');
  });

  it('M-48: restores admissions', () => {
    given([providerRegistered(), suspended])
      .when(restore)
      .then([event('AdmissionsRestored', { at: AT })]);
  });

  it('refuses to restore admissions that are not suspended', () => {
    given([providerRegistered()]).when(restore).thenThrows('PROVIDER.NOT_SUSPENDED');
  });

  it('M-48: a suspension and a restore move the provider between its states', () => {
    const history = [providerRegistered(), suspended];
    expect(fold(providerDecider, history).status).toBe('AdmissionsSuspended');
    const restored = fold(providerDecider, [...history, event('AdmissionsRestored', { at: daysAfter(1) })]);
    expect(restored.status).toBe('Active');
  });
});

describe('Provider: deregistration', () => {
  const deregister = command<DeregisterProvider>('DeregisterProvider', { reason: 'Closed by its owner' });

  it('deregisters a provider, suspended or not', () => {
    given([providerRegistered()]).when(deregister).then([deregistered]);
    given([providerRegistered(), suspended]).when(deregister).then([deregistered]);
  });

  it('does nothing when deregistered again', () => {
    given([providerRegistered(), deregistered]).when(deregister).thenNothing();
  });

  it('is terminal: every other command is refused', () => {
    const history = [providerRegistered(), deregistered];
    given(history)
      .when(suspend({ reason: 'Ofsted restriction' }))
      .thenThrows('PROVIDER.DEREGISTERED');
    given(history)
      .when(judgement({ judgement: 'Good', inspectionDate: '2025-02-12' }))
      .thenThrows('PROVIDER.DEREGISTERED');
    given(history)
      .when(command<RestoreAdmissions>('RestoreAdmissions', {}))
      .thenThrows('PROVIDER.DEREGISTERED');
  });

  it('refuses to deregister an unknown provider', () => {
    given([]).when(deregister).thenThrows('PROVIDER.NOT_REGISTERED');
  });
});

describe('placementProviderCode', () => {
  it("is PR1 for the host authority's own children and PR2 for other authorities' children", () => {
    const service = { providerCode: 'PR1', hostLocalAuthority: 'E08000021' } as const;
    expect(placementProviderCode(service, 'E08000021')).toBe('PR1');
    expect(placementProviderCode(service, 'E08000037')).toBe('PR2');
  });

  it('keeps private and voluntary codes whoever places', () =>
    expect(placementProviderCode({ providerCode: 'PR4', hostLocalAuthority: 'E08000021' }, 'E08000037')).toBe(
      'PR4',
    ));
});
