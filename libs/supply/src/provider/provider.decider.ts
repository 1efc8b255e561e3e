import {
  ConflictError,
  Decider,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  assertNever,
  streamName,
} from '@placematch/kernel';
import { PLACE_PROVIDER_CODE_LIST, PlaceProviderCode } from '../codes/provider-codes';
import { londonDate } from '../shared/dates';
import type { NoticeId, ProviderId } from '../shared/ids';
import { isChildrensServicesAuthority, isOfstedUrn } from '../shared/identifiers';
import { isOneOf, requireDate, requireText, sameValue } from '../shared/validation';
import type { ProviderCommand, ProviderDetails } from './provider.commands';
import type { ProviderEvent } from './provider.events';
import { OFSTED_JUDGEMENTS, OfstedJudgement, PROVIDER_TYPES, PROVIDER_TYPE_LIST } from './provider-types';

/** The stream of one provider: `provider-<id>`. */
export const providerStream = (id: ProviderId): string => streamName('provider', id);

/** A recorded Ofsted inspection. */
export interface OfstedInspection {
  judgement: OfstedJudgement;
  inspectionDate: string;
}

/** A compliance notice and where it stands. */
export type ComplianceNotice = {
  noticeId: NoticeId;
  issuedOn: string;
  failure: string;
  actionRequired: string;
  deadline: string;
} & ({ status: 'open' } | { status: 'complied' | 'not-complied'; resolvedOn: string });

/** What every registered provider holds, whatever its status. */
export interface ProviderRecord {
  details: ProviderDetails;
  /** Every inspection recorded, in the order recorded (see {@link latestJudgement}). */
  inspections: readonly OfstedInspection[];
  notices: Readonly<Record<string, ComplianceNotice>>;
}

/**
 * A provider's state. Admissions are either open (`Active`) or stopped (`AdmissionsSuspended`, M-48); a
 * `Deregistered` provider accepts nothing more.
 */
export type Provider =
  | { status: 'Unregistered' }
  | ({ status: 'Active' } & ProviderRecord)
  | ({
      status: 'AdmissionsSuspended';
      suspension: { reason: string; since: string; noticeId?: NoticeId };
    } & ProviderRecord)
  | ({ status: 'Deregistered'; deregistration: { reason: string; at: string } } & ProviderRecord);

/** The state of a provider with no events. */
export const initialProviderState = (): Provider => ({ status: 'Unregistered' });

/**
 * The judgement of the most recent inspection (by inspection date, not by when it was recorded, so an
 * imported older report never hides a newer one), or `undefined` when none is recorded.
 */
export const latestJudgement = (provider: Provider): OfstedInspection | undefined =>
  provider.status === 'Unregistered'
    ? undefined
    : provider.inspections.reduce<OfstedInspection | undefined>(
        (latest, i) => (latest === undefined || i.inspectionDate >= latest.inspectionDate ? i : latest),
        undefined,
      );

/**
 * The SSDA903 `PLACE_PROVIDER` code for an episode: an authority's own provision (PR1) is PR1 for the host
 * authority's children and PR2 for every other authority's; other codes do not depend on who places.
 */
export const placementProviderCode = (
  details: Pick<ProviderDetails, 'providerCode' | 'hostLocalAuthority'>,
  placingLocalAuthority: string,
): PlaceProviderCode =>
  details.providerCode === 'PR1' && placingLocalAuthority !== details.hostLocalAuthority
    ? 'PR2'
    : details.providerCode;

const validateDetails = (data: ProviderDetails): ProviderDetails => {
  const name = requireText(data.name, 'PROVIDER.NAME_REQUIRED', 'name');
  if (!isOfstedUrn(data.ofstedUrn)) {
    throw new ValidationError(
      'PROVIDER.INVALID_URN',
      'An Ofsted URN is SC and 6 digits, 7 digits, or XXXXXXX',
      {
        ofstedUrn: data.ofstedUrn,
      },
    );
  }
  if (!isOneOf(PROVIDER_TYPE_LIST, data.providerType)) {
    throw new ValidationError('PROVIDER.INVALID_TYPE', 'Unknown provider type', {
      providerType: data.providerType,
    });
  }
  if (!isOneOf(PLACE_PROVIDER_CODE_LIST, data.providerCode)) {
    throw new ValidationError('PROVIDER.INVALID_PROVIDER_CODE', 'The provider code is one of PR0-PR5', {
      providerCode: data.providerCode,
    });
  }
  const allowed: readonly PlaceProviderCode[] = PROVIDER_TYPES[data.providerType].providerCodes;
  if (!allowed.includes(data.providerCode)) {
    throw new ValidationError(
      'PROVIDER.PROVIDER_CODE_DOES_NOT_MATCH_TYPE',
      `A ${data.providerType} registers with ${allowed.join(' or ')}`,
      { providerType: data.providerType, providerCode: data.providerCode, allowed },
    );
  }
  if (!isChildrensServicesAuthority(data.hostLocalAuthority)) {
    throw new ValidationError(
      'PROVIDER.INVALID_LOCAL_AUTHORITY',
      "The host authority is the ONS code of a children's services authority (E06, E08, E09 or E10 and 6 digits)",
      { hostLocalAuthority: data.hostLocalAuthority },
    );
  }
  return {
    providerId: data.providerId,
    name,
    ofstedUrn: data.ofstedUrn,
    providerCode: data.providerCode,
    hostLocalAuthority: data.hostLocalAuthority,
    providerType: data.providerType,
  };
};

type Registered = Exclude<Provider, { status: 'Unregistered' }>;
type Open = Exclude<Registered, { status: 'Deregistered' }>;

const registered = (state: Provider): Registered => {
  if (state.status === 'Unregistered') throw new NotFoundError('PROVIDER.NOT_REGISTERED');
  return state;
};

const open = (state: Provider): Open => {
  const provider = registered(state);
  if (provider.status === 'Deregistered') throw new IllegalStateError('PROVIDER.DEREGISTERED');
  return provider;
};

const notice = (provider: Open, noticeId: NoticeId): ComplianceNotice => {
  const found = provider.notices[noticeId];
  if (!found) throw new NotFoundError('NOTICE.NOT_FOUND', undefined, { noticeId });
  return found;
};

/** What a command does to a provider: see each command's TSDoc for its rules. */
export const decideProvider = (command: ProviderCommand, state: Provider): ProviderEvent[] => {
  const today = londonDate(command.at);
  switch (command.type) {
    case 'RegisterProvider': {
      const details = validateDetails(command.data);
      if (state.status === 'Unregistered')
        return [{ type: 'ProviderRegistered', schemaVersion: 1, data: details }];
      if (sameValue(state.details, details)) return [];
      throw new ConflictError(
        'PROVIDER.ALREADY_REGISTERED',
        'This provider is registered with other details',
      );
    }
    case 'RecordOfstedJudgement': {
      const provider = open(state);
      const { judgement } = command.data;
      if (!isOneOf(OFSTED_JUDGEMENTS, judgement)) {
        throw new ValidationError('OFSTED.INVALID_JUDGEMENT', undefined, { judgement });
      }
      const inspectionDate = requireDate(
        command.data.inspectionDate,
        'OFSTED.INVALID_DATE',
        'inspectionDate',
      );
      if (inspectionDate > today) {
        throw new ValidationError('OFSTED.INSPECTION_IN_FUTURE', undefined, { inspectionDate, today });
      }
      const inspection = { judgement, inspectionDate };
      if (provider.inspections.some((i) => sameValue(i, inspection))) return [];
      return [{ type: 'OfstedJudgementRecorded', schemaVersion: 1, data: inspection }];
    }
    case 'IssueComplianceNotice': {
      const provider = open(state);
      const { noticeId } = command.data;
      const issuedOn = requireDate(command.data.issuedOn, 'NOTICE.INVALID_DATE', 'issuedOn');
      const deadline = requireDate(command.data.deadline, 'NOTICE.INVALID_DATE', 'deadline');
      if (issuedOn > today)
        throw new ValidationError('NOTICE.ISSUED_IN_FUTURE', undefined, { issuedOn, today });
      if (deadline <= issuedOn) {
        throw new ValidationError('NOTICE.DEADLINE_NOT_AFTER_ISSUE', undefined, { issuedOn, deadline });
      }
      const data = {
        noticeId,
        issuedOn,
        // M-48: a notice sets out the failure, the action needed and the timescale.
        failure: requireText(command.data.failure, 'NOTICE.DETAILS_REQUIRED', 'failure'),
        actionRequired: requireText(command.data.actionRequired, 'NOTICE.DETAILS_REQUIRED', 'actionRequired'),
        deadline,
      };
      const existing = provider.notices[noticeId];
      if (existing) {
        const { issuedOn: i, failure: f, actionRequired: a, deadline: d } = existing;
        if (sameValue({ noticeId, issuedOn: i, failure: f, actionRequired: a, deadline: d }, data)) return [];
        throw new ConflictError('NOTICE.ALREADY_ISSUED', 'A different notice has this id', { noticeId });
      }
      return [{ type: 'ComplianceNoticeIssued', schemaVersion: 1, data }];
    }
    case 'RecordNoticeComplied':
    case 'RecordNoticeNotComplied': {
      const found = notice(open(state), command.data.noticeId);
      const outcome = command.type === 'RecordNoticeComplied' ? 'complied' : 'not-complied';
      if (found.status === outcome) return [];
      if (found.status !== 'open') {
        throw new IllegalStateError(
          'NOTICE.ALREADY_RESOLVED',
          `The notice was already recorded as ${found.status}`,
        );
      }
      const data = { noticeId: found.noticeId, on: today };
      if (outcome === 'complied') return [{ type: 'ComplianceNoticeComplied', schemaVersion: 1, data }];
      // Non-compliance is a finding that the deadline passed without the action: it cannot be made before then.
      if (today <= found.deadline) {
        throw new IllegalStateError('NOTICE.DEADLINE_NOT_PASSED', undefined, {
          deadline: found.deadline,
          today,
        });
      }
      return [{ type: 'ComplianceNoticeNotComplied', schemaVersion: 1, data }];
    }
    case 'SuspendAdmissions': {
      const provider = open(state);
      const reason = requireText(command.data.reason, 'PROVIDER.REASON_REQUIRED', 'reason');
      const { noticeId } = command.data;
      if (noticeId !== undefined) notice(provider, noticeId);
      // M-48: a retried suspension must not restart the suspension's clock.
      if (provider.status === 'AdmissionsSuspended') return [];
      return [
        {
          type: 'AdmissionsSuspended',
          schemaVersion: 1,
          data: { reason, ...(noticeId !== undefined && { noticeId }), since: command.at },
        },
      ];
    }
    case 'RestoreAdmissions': {
      const provider = open(state);
      if (provider.status !== 'AdmissionsSuspended') throw new IllegalStateError('PROVIDER.NOT_SUSPENDED');
      return [{ type: 'AdmissionsRestored', schemaVersion: 1, data: { at: command.at } }];
    }
    case 'DeregisterProvider': {
      const provider = registered(state);
      if (provider.status === 'Deregistered') return [];
      const reason = requireText(command.data.reason, 'PROVIDER.REASON_REQUIRED', 'reason');
      return [{ type: 'ProviderDeregistered', schemaVersion: 1, data: { reason, at: command.at } }];
    }
    default:
      return assertNever(command);
  }
};

const record = (state: Registered): ProviderRecord => ({
  details: state.details,
  inspections: state.inspections,
  notices: state.notices,
});

/** Folds one provider event into the state. Never throws: an event that does not apply leaves the state as it is. */
export const evolveProvider = (state: Provider, event: ProviderEvent): Provider => {
  if (event.type === 'ProviderRegistered') {
    return state.status === 'Unregistered'
      ? { status: 'Active', details: event.data, inspections: [], notices: {} }
      : { ...state, details: event.data };
  }
  if (state.status === 'Unregistered') return state;
  switch (event.type) {
    case 'OfstedJudgementRecorded':
      return { ...state, inspections: [...state.inspections, event.data] };
    case 'ComplianceNoticeIssued':
      return {
        ...state,
        notices: { ...state.notices, [event.data.noticeId]: { ...event.data, status: 'open' } },
      };
    case 'ComplianceNoticeComplied':
    case 'ComplianceNoticeNotComplied': {
      const found = state.notices[event.data.noticeId];
      if (!found) return state;
      const status = event.type === 'ComplianceNoticeComplied' ? 'complied' : 'not-complied';
      const resolved: ComplianceNotice = { ...found, status, resolvedOn: event.data.on };
      return { ...state, notices: { ...state.notices, [found.noticeId]: resolved } };
    }
    case 'AdmissionsSuspended': {
      if (state.status === 'Deregistered') return state;
      const { reason, since, noticeId } = event.data;
      const suspension = { reason, since, ...(noticeId !== undefined && { noticeId }) };
      return { status: 'AdmissionsSuspended', ...record(state), suspension };
    }
    case 'AdmissionsRestored':
      return state.status === 'AdmissionsSuspended' ? { status: 'Active', ...record(state) } : state;
    case 'ProviderDeregistered':
      if (state.status === 'Deregistered') return state;
      return { status: 'Deregistered', ...record(state), deregistration: event.data };
    default:
      return assertNever(event);
  }
};

/** The provider aggregate (`provider-<id>`): registration, Ofsted judgements and notices, admissions (M-48). */
export const providerDecider: Decider<ProviderCommand, Provider, ProviderEvent> = {
  initialState: initialProviderState,
  decide: decideProvider,
  evolve: evolveProvider,
};
