import type { SupplyEvent } from '../shared/command';
import type { NoticeId } from '../shared/ids';
import type { ProviderDetails } from './provider.commands';
import type { OfstedJudgement } from './provider-types';

/** A provider was registered. */
export type ProviderRegistered = SupplyEvent<'ProviderRegistered', ProviderDetails>;

/** An Ofsted inspection judgement was recorded. */
export type OfstedJudgementRecorded = SupplyEvent<
  'OfstedJudgementRecorded',
  { judgement: OfstedJudgement; inspectionDate: string }
>;

/** Ofsted issued a compliance notice with a deadline (M-48). */
export type ComplianceNoticeIssued = SupplyEvent<
  'ComplianceNoticeIssued',
  { noticeId: NoticeId; issuedOn: string; failure: string; actionRequired: string; deadline: string }
>;

/** The provider complied with a notice; `on` is the date it was recorded (in England). */
export type ComplianceNoticeComplied = SupplyEvent<
  'ComplianceNoticeComplied',
  { noticeId: NoticeId; on: string }
>;

/**
 * The provider did not comply with a notice by its deadline. M-48: Directors of Children's Services are told,
 * and authorities with children there assess each placement with the child's wishes; placements reacts.
 */
export type ComplianceNoticeNotComplied = SupplyEvent<
  'ComplianceNoticeNotComplied',
  { noticeId: NoticeId; on: string }
>;

/** New admissions were stopped (M-48); `since` is the instant it took effect. */
export type AdmissionsSuspended = SupplyEvent<
  'AdmissionsSuspended',
  { reason: string; noticeId?: NoticeId; since: string }
>;

/** Admissions were allowed again. */
export type AdmissionsRestored = SupplyEvent<'AdmissionsRestored', { at: string }>;

/** The provider was deregistered (terminal). */
export type ProviderDeregistered = SupplyEvent<'ProviderDeregistered', { reason: string; at: string }>;

/** Every event of the provider aggregate. */
export type ProviderEvent =
  | ProviderRegistered
  | OfstedJudgementRecorded
  | ComplianceNoticeIssued
  | ComplianceNoticeComplied
  | ComplianceNoticeNotComplied
  | AdmissionsSuspended
  | AdmissionsRestored
  | ProviderDeregistered;
