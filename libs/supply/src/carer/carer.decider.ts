import {
  ConflictError,
  Decider,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  ValidationError,
  assertNever,
  streamName,
} from '@placematch/kernel';
import { londonDate } from '../shared/dates';
import type { CarerId, ProviderId, SettingId, TransferRequestId } from '../shared/ids';
import { requireDate, requireText, sameValue } from '../shared/validation';
import type { CarerCommand } from './carer.commands';
import type { CarerEvent, TrainingRecord } from './carer.events';

/** The stream of one carer: `carer-<id>`. */
export const carerStream = (id: CarerId): string => streamName('carer', id);

/** A request for a carer's records and how far it has gone. */
export interface TransferRequest {
  requestId: TransferRequestId;
  requestingProviderId: ProviderId;
  requestedAt: string;
  answer?: { decision: 'sent'; at: string } | { decision: 'declined'; reason: string; at: string };
  completedAt?: string;
}

/**
 * A carer's state. The records live on the carer's own stream rather than a provider's, which is what lets
 * them move with the carer (M-44); the provider that may act on them is `providerId`.
 */
export type Carer =
  | { status: 'Unregistered' }
  | {
      status: 'Registered';
      carerId: CarerId;
      providerId: ProviderId;
      settingId?: SettingId;
      training: Readonly<Record<string, TrainingRecord>>;
      transfers: Readonly<Record<string, TransferRequest>>;
      previousProviderIds: readonly ProviderId[];
    };

type Registered = Extract<Carer, { status: 'Registered' }>;

/** The state of a carer with no events. */
export const initialCarerState = (): Carer => ({ status: 'Unregistered' });

/** The carer's training records, in the order they were recorded. */
export const trainingRecords = (carer: Carer): TrainingRecord[] =>
  carer.status === 'Registered' ? Object.values(carer.training) : [];

const SKILL_TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const registered = (state: Carer): Registered => {
  if (state.status === 'Unregistered') throw new NotFoundError('CARER.NOT_REGISTERED');
  return state;
};

const currentProvider = (carer: Registered, providerId: ProviderId): void => {
  if (providerId !== carer.providerId) {
    throw new ForbiddenError('CARER.NOT_CURRENT_PROVIDER', "Only the carer's current provider may do this", {
      providerId,
    });
  }
};

const transfer = (carer: Registered, requestId: TransferRequestId): TransferRequest => {
  const found = carer.transfers[requestId];
  if (!found) throw new NotFoundError('TRANSFER.NOT_FOUND', undefined, { requestId });
  return found;
};

const skillTags = (tags: unknown): string[] => {
  if (!Array.isArray(tags))
    throw new ValidationError('TRAINING.INVALID_SKILL_TAG', 'skillTags must be a list');
  for (const tag of tags) {
    if (typeof tag !== 'string' || !SKILL_TAG.test(tag)) {
      throw new ValidationError('TRAINING.INVALID_SKILL_TAG', 'A skill tag is lower case words joined by -', {
        tag,
      });
    }
  }
  if (new Set(tags).size !== tags.length) throw new ValidationError('TRAINING.DUPLICATE_SKILL_TAG');
  return tags as string[];
};

/** What a command does to a carer: see each command's TSDoc for its rules. */
export const decideCarer = (command: CarerCommand, state: Carer): CarerEvent[] => {
  const { at } = command;
  switch (command.type) {
    case 'RegisterCarer': {
      const { carerId, providerId, settingId } = command.data;
      const data = { carerId, providerId, ...(settingId !== undefined && { settingId }) };
      if (state.status === 'Unregistered') return [{ type: 'CarerRegistered', schemaVersion: 1, data }];
      const current = {
        carerId: state.carerId,
        providerId: state.providerId,
        ...(state.settingId !== undefined && { settingId: state.settingId }),
      };
      if (sameValue(current, data)) return [];
      throw new ConflictError('CARER.ALREADY_REGISTERED', 'This carer is registered with other details');
    }
    case 'RecordTraining': {
      const carer = registered(state);
      currentProvider(carer, command.data.byProviderId);
      const completedOn = requireDate(command.data.completedOn, 'TRAINING.INVALID_DATE', 'completedOn');
      if (completedOn > londonDate(at)) {
        throw new ValidationError('TRAINING.COMPLETED_IN_FUTURE', undefined, { completedOn });
      }
      const record: TrainingRecord = {
        trainingId: command.data.trainingId,
        course: requireText(command.data.course, 'TRAINING.COURSE_REQUIRED', 'course'),
        completedOn,
        skillTags: skillTags(command.data.skillTags),
        recordedBy: carer.providerId,
      };
      const existing = carer.training[record.trainingId];
      if (existing) {
        if (sameValue(existing, record)) return [];
        throw new ConflictError('TRAINING.ALREADY_RECORDED', 'Another record has this id', {
          trainingId: record.trainingId,
        });
      }
      return [{ type: 'TrainingRecorded', schemaVersion: 1, data: record }];
    }
    case 'RequestRecordsTransfer': {
      const carer = registered(state);
      const { requestId, requestingProviderId } = command.data;
      const existing = carer.transfers[requestId];
      if (existing) {
        if (existing.requestingProviderId === requestingProviderId) return [];
        throw new ConflictError('TRANSFER.ALREADY_EXISTS', 'Another request has this id', { requestId });
      }
      if (requestingProviderId === carer.providerId) {
        throw new IllegalStateError(
          'TRANSFER.ALREADY_CURRENT_PROVIDER',
          'The carer is already with this provider',
        );
      }
      // A declined request may be made again (consent given since, say); an open one may not be doubled.
      const open = Object.values(carer.transfers).find(
        (t) =>
          t.requestingProviderId === requestingProviderId &&
          !t.completedAt &&
          t.answer?.decision !== 'declined',
      );
      if (open) {
        throw new ConflictError('TRANSFER.ALREADY_REQUESTED', 'This provider already has a request open', {
          requestId: open.requestId,
        });
      }
      return [
        {
          type: 'RecordsTransferRequested',
          schemaVersion: 1,
          data: { requestId, requestingProviderId, requestedAt: at },
        },
      ];
    }
    case 'AnswerRecordsTransfer': {
      const carer = registered(state);
      const request = transfer(carer, command.data.requestId);
      // M-44: the duty to answer is the current provider's, and no one else may answer for it.
      currentProvider(carer, command.data.answeringProviderId);
      if (request.completedAt) throw new IllegalStateError('TRANSFER.COMPLETED');
      const answer = command.data;
      if (answer.decision !== 'send' && answer.decision !== 'decline') {
        throw new ValidationError('TRANSFER.INVALID_DECISION', undefined, {
          decision: (answer as { decision: unknown }).decision,
        });
      }
      const decided = answer.decision === 'send' ? 'sent' : 'declined';
      if (request.answer) {
        if (request.answer.decision === decided) return [];
        throw new ConflictError(
          'TRANSFER.ALREADY_ANSWERED',
          `The request was already ${request.answer.decision}`,
        );
      }
      if (answer.decision === 'decline') {
        const reason = requireText(answer.reason, 'TRANSFER.REASON_REQUIRED', 'reason');
        return [
          {
            type: 'RecordsTransferDeclined',
            schemaVersion: 1,
            data: { requestId: request.requestId, reason, declinedAt: at },
          },
        ];
      }
      return [
        {
          type: 'RecordsTransferSent',
          schemaVersion: 1,
          data: {
            requestId: request.requestId,
            toProviderId: request.requestingProviderId,
            records: trainingRecords(carer),
            sentAt: at,
          },
        },
      ];
    }
    case 'CompleteTransfer': {
      const carer = registered(state);
      const request = transfer(carer, command.data.requestId);
      if (request.completedAt) return [];
      if (request.requestingProviderId === carer.providerId) {
        throw new IllegalStateError(
          'TRANSFER.ALREADY_CURRENT_PROVIDER',
          'The carer is already with this provider',
        );
      }
      const { settingId } = command.data;
      // M-44: the records move with the carer whatever the old provider answered; the answer is kept as evidence.
      return [
        {
          type: 'CarerTransferred',
          schemaVersion: 1,
          data: {
            requestId: request.requestId,
            fromProviderId: carer.providerId,
            toProviderId: request.requestingProviderId,
            ...(settingId !== undefined && { settingId }),
            recordsAnswer: request.answer?.decision ?? 'unanswered',
            records: trainingRecords(carer),
            transferredAt: at,
          },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

const updateTransfer = (
  carer: Registered,
  requestId: TransferRequestId,
  change: Partial<TransferRequest>,
): Carer => {
  const found = carer.transfers[requestId];
  return found
    ? { ...carer, transfers: { ...carer.transfers, [requestId]: { ...found, ...change } } }
    : carer;
};

/** Folds one carer event into the state. Never throws: an event that does not apply leaves the state as it is. */
export const evolveCarer = (state: Carer, event: CarerEvent): Carer => {
  if (event.type === 'CarerRegistered') {
    if (state.status === 'Registered') return state;
    return { status: 'Registered', ...event.data, training: {}, transfers: {}, previousProviderIds: [] };
  }
  if (state.status === 'Unregistered') return state;
  switch (event.type) {
    case 'TrainingRecorded':
      return { ...state, training: { ...state.training, [event.data.trainingId]: event.data } };
    case 'RecordsTransferRequested': {
      const { requestId, requestingProviderId, requestedAt } = event.data;
      return {
        ...state,
        transfers: { ...state.transfers, [requestId]: { requestId, requestingProviderId, requestedAt } },
      };
    }
    case 'RecordsTransferSent':
      return updateTransfer(state, event.data.requestId, {
        answer: { decision: 'sent', at: event.data.sentAt },
      });
    case 'RecordsTransferDeclined': {
      const { requestId, reason, declinedAt } = event.data;
      return updateTransfer(state, requestId, { answer: { decision: 'declined', reason, at: declinedAt } });
    }
    case 'CarerTransferred': {
      const { requestId, fromProviderId, toProviderId, settingId, transferredAt } = event.data;
      const { settingId: _old, ...rest } = state;
      const moved: Carer = {
        ...rest,
        providerId: toProviderId,
        ...(settingId !== undefined && { settingId }),
        previousProviderIds: [...state.previousProviderIds, fromProviderId],
      };
      return updateTransfer(moved, requestId, { completedAt: transferredAt });
    }
    default:
      return assertNever(event);
  }
};

/** The carer aggregate (`carer-<id>`): skills and training records and their transfer between providers (M-44). */
export const carerDecider: Decider<CarerCommand, Carer, CarerEvent> = {
  initialState: initialCarerState,
  decide: decideCarer,
  evolve: evolveCarer,
};
