import type { SupplyEvent } from '../shared/command';
import type { CarerId, ProviderId, SettingId, TrainingId, TransferRequestId } from '../shared/ids';

/** One completed course or qualification. */
export interface TrainingRecord {
  trainingId: TrainingId;
  course: string;
  completedOn: string;
  skillTags: string[];
  /** The provider that recorded it. */
  recordedBy: ProviderId;
}

/** A carer was registered with a provider. */
export type CarerRegistered = SupplyEvent<
  'CarerRegistered',
  { carerId: CarerId; providerId: ProviderId; settingId?: SettingId }
>;

/** A course or qualification was recorded. */
export type TrainingRecorded = SupplyEvent<'TrainingRecorded', TrainingRecord>;

/** A prospective provider asked for the carer's records (M-44). */
export type RecordsTransferRequested = SupplyEvent<
  'RecordsTransferRequested',
  { requestId: TransferRequestId; requestingProviderId: ProviderId; requestedAt: string }
>;

/** The current provider sent the records: the snapshot sent is in the event (M-44). */
export type RecordsTransferSent = SupplyEvent<
  'RecordsTransferSent',
  { requestId: TransferRequestId; toProviderId: ProviderId; records: TrainingRecord[]; sentAt: string }
>;

/** The current provider declined to send the records, with its reason. */
export type RecordsTransferDeclined = SupplyEvent<
  'RecordsTransferDeclined',
  { requestId: TransferRequestId; reason: string; declinedAt: string }
>;

/**
 * The carer moved to the requesting provider with all their records. `recordsAnswer` says how the old
 * provider answered, so compliance with M-44 can be counted.
 */
export type CarerTransferred = SupplyEvent<
  'CarerTransferred',
  {
    requestId: TransferRequestId;
    fromProviderId: ProviderId;
    toProviderId: ProviderId;
    settingId?: SettingId;
    recordsAnswer: 'sent' | 'declined' | 'unanswered';
    records: TrainingRecord[];
    transferredAt: string;
  }
>;

/** Every event of the carer aggregate. */
export type CarerEvent =
  | CarerRegistered
  | TrainingRecorded
  | RecordsTransferRequested
  | RecordsTransferSent
  | RecordsTransferDeclined
  | CarerTransferred;
