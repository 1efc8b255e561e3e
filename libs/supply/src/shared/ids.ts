import type { Id } from '@placematch/kernel';

/** A provider: a fostering service, an agency, a home operator (`provider-<id>` stream). */
export type ProviderId = Id<'Provider'>;
/** A setting: one carer household or one home (`setting-<id>` stream). */
export type SettingId = Id<'Setting'>;
/** A foster carer, whose skills and training records follow them between providers (`carer-<id>` stream). */
export type CarerId = Id<'Carer'>;
/** A vacancy on a setting; chosen by the handler so a retried open is recognised. */
export type VacancyId = Id<'Vacancy'>;
/** A placement, owned by the placements context; supply only refers to it. */
export type PlacementId = Id<'Placement'>;
/** An Ofsted compliance notice recorded on a provider. */
export type NoticeId = Id<'ComplianceNotice'>;
/** One training record of a carer. */
export type TrainingId = Id<'Training'>;
/** One request by a new provider for a carer's records (M-44). */
export type TransferRequestId = Id<'TransferRequest'>;
