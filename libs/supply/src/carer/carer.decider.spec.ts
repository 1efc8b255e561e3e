import { fold } from '@placematch/kernel';
import { deciderSpec } from '@placematch/kernel/testing';
import {
  AnswerRecordsTransfer,
  CarerTransferred,
  CompleteTransfer,
  RecordTraining,
  ProviderId,
  RecordsTransferAnswer,
  RecordsTransferDeclined,
  RecordsTransferRequested,
  RecordsTransferSent,
  RegisterCarer,
  RequestRecordsTransfer,
  TrainingRecord,
  TrainingRecorded,
  carerDecider,
  carerStream,
  trainingRecords,
} from '@placematch/supply';
import { AT, carerRegistered, command, event, ids } from '@placematch/supply/testing';

const { given } = deciderSpec(carerDecider);

const firstAid: TrainingRecord = {
  trainingId: ids.training,
  course: 'Paediatric first aid',
  completedOn: '2025-01-15',
  skillTags: ['first-aid'],
  recordedBy: ids.provider,
};
const trainingRecorded = (overrides: Partial<TrainingRecord> = {}) =>
  event<TrainingRecorded>('TrainingRecorded', { ...firstAid, ...overrides });
const recordTraining = (overrides: Partial<RecordTraining['data']> = {}) =>
  command<RecordTraining>('RecordTraining', {
    trainingId: ids.training,
    byProviderId: ids.provider,
    course: 'Paediatric first aid',
    completedOn: '2025-01-15',
    skillTags: ['first-aid'],
    ...overrides,
  });
const requestTransfer = (requestingProviderId = ids.otherProvider, requestId = ids.request) =>
  command<RequestRecordsTransfer>('RequestRecordsTransfer', { requestId, requestingProviderId });
const requested = (requestingProviderId = ids.otherProvider, requestId = ids.request) =>
  event<RecordsTransferRequested>('RecordsTransferRequested', {
    requestId,
    requestingProviderId,
    requestedAt: AT,
  });
const answer = (data: { answeringProviderId: ProviderId } & RecordsTransferAnswer, requestId = ids.request) =>
  command<AnswerRecordsTransfer>('AnswerRecordsTransfer', { requestId, ...data });
const sent = (records = [firstAid]) =>
  event<RecordsTransferSent>('RecordsTransferSent', {
    requestId: ids.request,
    toProviderId: ids.otherProvider,
    records,
    sentAt: AT,
  });
const declined = event<RecordsTransferDeclined>('RecordsTransferDeclined', {
  requestId: ids.request,
  reason: 'The carer withdrew consent',
  declinedAt: AT,
});
const complete = (requestId = ids.request) => command<CompleteTransfer>('CompleteTransfer', { requestId });
const transferred = (recordsAnswer: CarerTransferred['data']['recordsAnswer'], records = [firstAid]) =>
  event<CarerTransferred>('CarerTransferred', {
    requestId: ids.request,
    fromProviderId: ids.provider,
    toProviderId: ids.otherProvider,
    recordsAnswer,
    records,
    transferredAt: AT,
  });

describe('Carer: registration and training', () => {
  const register = (data: Partial<RegisterCarer['data']> = {}) =>
    command<RegisterCarer>('RegisterCarer', { carerId: ids.carer, providerId: ids.provider, ...data });

  it('registers a carer with a provider, and does nothing when told again', () => {
    given([]).when(register()).then([carerRegistered()]);
    given([carerRegistered()]).when(register()).thenNothing();
  });

  it('refuses to register the carer again with another provider', () => {
    given([carerRegistered()])
      .when(register({ providerId: ids.otherProvider }))
      .thenThrows('CARER.ALREADY_REGISTERED');
  });

  it('names its stream carer-<id>', () => {
    expect(carerStream(ids.carer)).toBe(`carer-${ids.carer}`);
  });

  it('M-44: records a course with its date and skill tags', () => {
    given([carerRegistered()]).when(recordTraining()).then([trainingRecorded()]);
  });

  it('does nothing when the same record is given again, and refuses another under its id', () => {
    given([carerRegistered(), trainingRecorded()]).when(recordTraining()).thenNothing();
    given([carerRegistered(), trainingRecorded()])
      .when(recordTraining({ course: 'Therapeutic parenting' }))
      .thenThrows('TRAINING.ALREADY_RECORDED');
  });

  it('refuses a record from a provider the carer is not with', () => {
    given([carerRegistered()])
      .when(recordTraining({ byProviderId: ids.otherProvider }))
      .thenThrows('CARER.NOT_CURRENT_PROVIDER');
  });

  it('refuses a course completed in the future, a blank course and malformed tags', () => {
    given([carerRegistered()])
      .when(recordTraining({ completedOn: '2025-03-11' }))
      .thenThrows('TRAINING.COMPLETED_IN_FUTURE');
    given([carerRegistered()])
      .when(recordTraining({ course: '' }))
      .thenThrows('TRAINING.COURSE_REQUIRED');
    given([carerRegistered()])
      .when(recordTraining({ skillTags: ['First Aid'] }))
      .thenThrows('TRAINING.INVALID_SKILL_TAG');
    given([carerRegistered()])
      .when(recordTraining({ skillTags: ['first-aid', 'first-aid'] }))
      .thenThrows('TRAINING.DUPLICATE_SKILL_TAG');
  });

  it('refuses training for a carer who is not registered', () => {
    given([]).when(recordTraining()).thenThrows('CARER.NOT_REGISTERED');
  });
});

describe('Carer: records transfer (M-44)', () => {
  it('M-44: a new provider asks for the records', () => {
    given([carerRegistered()]).when(requestTransfer()).then([requested()]);
  });

  it('does nothing when the same request is made again', () => {
    given([carerRegistered(), requested()]).when(requestTransfer()).thenNothing();
  });

  it('refuses a second open request from the same provider, and a request from the current provider', () => {
    given([carerRegistered(), requested()])
      .when(requestTransfer(ids.otherProvider, ids.otherRequest))
      .thenThrows('TRANSFER.ALREADY_REQUESTED');
    given([carerRegistered()])
      .when(requestTransfer(ids.provider))
      .thenThrows('TRANSFER.ALREADY_CURRENT_PROVIDER');
  });

  it('lets a provider ask again after a decline', () => {
    given([carerRegistered(), requested(), declined])
      .when(requestTransfer(ids.otherProvider, ids.otherRequest))
      .then([requested(ids.otherProvider, ids.otherRequest)]);
  });

  it('M-44: the current provider sends the records', () => {
    given([carerRegistered(), trainingRecorded(), requested()])
      .when(answer({ answeringProviderId: ids.provider, decision: 'send' }))
      .then([sent()]);
  });

  it('M-44: the current provider declines with a reason', () => {
    given([carerRegistered(), requested()])
      .when(
        answer({
          answeringProviderId: ids.provider,
          decision: 'decline',
          reason: 'The carer withdrew consent',
        }),
      )
      .then([declined]);
  });

  it('M-44: refuses a decline without a reason', () => {
    given([carerRegistered(), requested()])
      .when(answer({ answeringProviderId: ids.provider, decision: 'decline', reason: ' ' }))
      .thenThrows('TRANSFER.REASON_REQUIRED');
  });

  it('M-44: only the current provider may answer', () => {
    given([carerRegistered(), requested()])
      .when(answer({ answeringProviderId: ids.otherProvider, decision: 'send' }))
      .thenThrows('CARER.NOT_CURRENT_PROVIDER');
  });

  it('does nothing when the same answer is given again, and refuses a different one', () => {
    given([carerRegistered(), trainingRecorded(), requested(), sent()])
      .when(answer({ answeringProviderId: ids.provider, decision: 'send' }))
      .thenNothing();
    given([carerRegistered(), trainingRecorded(), requested(), sent()])
      .when(answer({ answeringProviderId: ids.provider, decision: 'decline', reason: 'Changed our mind' }))
      .thenThrows('TRANSFER.ALREADY_ANSWERED');
  });

  it('refuses an answer to an unknown request', () => {
    given([carerRegistered()])
      .when(answer({ answeringProviderId: ids.provider, decision: 'send' }))
      .thenThrows('TRANSFER.NOT_FOUND');
  });

  it('M-44: the carer moves and the records go with them', () => {
    given([carerRegistered(), trainingRecorded(), requested(), sent()])
      .when(complete())
      .then([transferred('sent')]);
    const state = fold(carerDecider, [
      carerRegistered(),
      trainingRecorded(),
      requested(),
      sent(),
      transferred('sent'),
    ]);
    expect(state.status === 'Registered' && state.providerId).toBe(ids.otherProvider);
    expect(trainingRecords(state)).toEqual([firstAid]);
  });

  it('M-44: the move does not wait on the old provider, and records how it answered', () => {
    given([carerRegistered(), trainingRecorded(), requested()])
      .when(complete())
      .then([transferred('unanswered')]);
    given([carerRegistered(), trainingRecorded(), requested(), declined])
      .when(complete())
      .then([transferred('declined')]);
  });

  it('does nothing when the transfer is completed again', () => {
    given([carerRegistered(), requested(), sent([]), transferred('sent', [])])
      .when(complete())
      .thenNothing();
  });

  it('M-44: after the move, the new provider records training and the old one may not', () => {
    const moved = [carerRegistered(), trainingRecorded(), requested(), sent(), transferred('sent')];
    given(moved)
      .when(recordTraining({ trainingId: ids.otherTraining, byProviderId: ids.provider }))
      .thenThrows('CARER.NOT_CURRENT_PROVIDER');
    given(moved)
      .when(recordTraining({ trainingId: ids.otherTraining, byProviderId: ids.otherProvider }))
      .then([trainingRecorded({ trainingId: ids.otherTraining, recordedBy: ids.otherProvider })]);
  });

  it('M-44: after the move, a third provider’s request is answered by the new provider', () => {
    const moved = [
      carerRegistered(),
      requested(),
      sent([]),
      transferred('sent', []),
      requested(ids.thirdProvider, ids.otherRequest),
    ];
    given(moved)
      .when(answer({ answeringProviderId: ids.provider, decision: 'send' }, ids.otherRequest))
      .thenThrows('CARER.NOT_CURRENT_PROVIDER');
    given(moved)
      .when(answer({ answeringProviderId: ids.otherProvider, decision: 'send' }, ids.otherRequest))
      .then([
        event('RecordsTransferSent', {
          requestId: ids.otherRequest,
          toProviderId: ids.thirdProvider,
          records: [],
          sentAt: AT,
        }),
      ]);
  });

  it('refuses to answer a request that was completed', () => {
    given([carerRegistered(), requested(), transferred('unanswered', [])])
      .when(answer({ answeringProviderId: ids.otherProvider, decision: 'send' }))
      .thenThrows('TRANSFER.COMPLETED');
  });
});
