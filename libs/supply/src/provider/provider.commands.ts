import type { SupplyCommand } from '../shared/command';
import type { NoticeId, ProviderId } from '../shared/ids';
import type { PlaceProviderCode } from '../codes/provider-codes';
import type { OfstedJudgement, ProviderType } from './provider-types';

/** What a provider is registered as. */
export interface ProviderDetails {
  providerId: ProviderId;
  name: string;
  /** `SC` + 6 digits, 7 digits, or `XXXXXXX` where no URN applies (see `OFSTED_URN`). */
  ofstedUrn: string;
  /** From the host authority's point of view: PR1 for authority services (see `PROVIDER_TYPES`). */
  providerCode: PlaceProviderCode;
  /** ONS code of the children's services authority the provider is based in, e.g. `E08000021`. */
  hostLocalAuthority: string;
  providerType: ProviderType;
}

/** Registers a provider. Repeating it with the same details does nothing. */
export type RegisterProvider = SupplyCommand<'RegisterProvider', ProviderDetails>;

/** Records an Ofsted inspection outcome; the inspection date may not be after today (in England). */
export type RecordOfstedJudgement = SupplyCommand<
  'RecordOfstedJudgement',
  { judgement: OfstedJudgement; inspectionDate: string }
>;

/**
 * Records an Ofsted compliance notice (M-48): the failure, the action needed and the deadline for it.
 * `issuedOn` is the date on the notice, not after today; the deadline is after it.
 */
export type IssueComplianceNotice = SupplyCommand<
  'IssueComplianceNotice',
  { noticeId: NoticeId; issuedOn: string; failure: string; actionRequired: string; deadline: string }
>;

/** Records that the provider did what an open notice required. */
export type RecordNoticeComplied = SupplyCommand<'RecordNoticeComplied', { noticeId: NoticeId }>;

/** Records that the provider did not comply with a notice by its deadline (M-48: DCSs are told). */
export type RecordNoticeNotComplied = SupplyCommand<'RecordNoticeNotComplied', { noticeId: NoticeId }>;

/**
 * Stops new admissions (M-48: Ofsted's power to prevent further admissions). The provider leaves search;
 * children already placed stay, each with a risk assessment, never an automatic move. Suspending a
 * suspended provider does nothing.
 */
export type SuspendAdmissions = SupplyCommand<'SuspendAdmissions', { reason: string; noticeId?: NoticeId }>;

/** Lifts a suspension of admissions; refused when admissions are not suspended. */
export type RestoreAdmissions = SupplyCommand<'RestoreAdmissions', Record<string, never>>;

/** Deregisters the provider. Terminal: nothing else is accepted afterwards; repeating it does nothing. */
export type DeregisterProvider = SupplyCommand<'DeregisterProvider', { reason: string }>;

/** Every command of the provider aggregate. */
export type ProviderCommand =
  | RegisterProvider
  | RecordOfstedJudgement
  | IssueComplianceNotice
  | RecordNoticeComplied
  | RecordNoticeNotComplied
  | SuspendAdmissions
  | RestoreAdmissions
  | DeregisterProvider;
