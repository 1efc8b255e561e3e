import type { SupplyCommand } from '../shared/command';
import type { CarerId, ProviderId, SettingId, TrainingId, TransferRequestId } from '../shared/ids';

/** Registers a foster carer with the provider that approved them. The same data again does nothing. */
export type RegisterCarer = SupplyCommand<
  'RegisterCarer',
  { carerId: CarerId; providerId: ProviderId; settingId?: SettingId }
>;

/**
 * Records a course or qualification the carer completed (M-43, M-44). Only the carer's current provider may
 * record one; the completion date may not be after today.
 */
export type RecordTraining = SupplyCommand<
  'RecordTraining',
  {
    trainingId: TrainingId;
    /** The provider acting; must be the carer's current one. */
    byProviderId: ProviderId;
    course: string;
    completedOn: string;
    /** Lower-case tags such as `first-aid`, `disability`, `therapeutic-parenting`: not the tier (M-38). */
    skillTags: string[];
  }
>;

/**
 * M-44: a provider the carer is moving to asks the current provider for the carer's skills and training
 * records.
 */
export type RequestRecordsTransfer = SupplyCommand<
  'RequestRecordsTransfer',
  { requestId: TransferRequestId; requestingProviderId: ProviderId }
>;

/**
 * M-44: the current provider answers a request: it sends the records or declines with a reason. Only the
 * carer's current provider may answer (`CARER.NOT_CURRENT_PROVIDER`).
 */
export type AnswerRecordsTransfer = SupplyCommand<
  'AnswerRecordsTransfer',
  { requestId: TransferRequestId; answeringProviderId: ProviderId } & RecordsTransferAnswer
>;

/** The old provider's answer to a request for records: send them, or decline with a reason. */
export type RecordsTransferAnswer = { decision: 'send' } | { decision: 'decline'; reason: string };

/**
 * The carer moves to the provider that made the request, and their records go with them. Allowed whether
 * or not the old provider answered (a carer's move never waits on the old provider); the event records which.
 */
export type CompleteTransfer = SupplyCommand<
  'CompleteTransfer',
  { requestId: TransferRequestId; settingId?: SettingId }
>;

/** Every command of the carer aggregate. */
export type CarerCommand =
  RegisterCarer | RecordTraining | RequestRecordsTransfer | AnswerRecordsTransfer | CompleteTransfer;
