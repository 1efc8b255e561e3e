import type { ChildCoarse, ChildEvent } from '@placematch/placements';

/** A child as the read model keeps it: codes and coarse values, never a personal field. */
export interface ChildSummary {
  childId: string;
  localAuthority: string;
  status: 'Recorded' | 'Erased';
  gender: string;
  ethnicity: string;
  legalStatus: string;
  cinCategory: string;
  uasc: boolean;
  disabilities: string[];
  coarse: ChildCoarse;
  wishesRecorded: number;
  erasedAt: string | null;
}

/** Folds a child event into its summary. Personal fields are never read, so an erased one changes nothing. */
export const evolveChildSummary = (summary: ChildSummary | null, event: ChildEvent): ChildSummary | null => {
  switch (event.type) {
    case 'ChildRecorded': {
      const d = event.data;
      return {
        childId: d.childId,
        localAuthority: d.localAuthority,
        status: summary?.status ?? 'Recorded',
        gender: d.gender,
        ethnicity: d.ethnicity,
        legalStatus: d.legalStatus,
        cinCategory: d.cinCategory,
        uasc: d.uasc,
        disabilities: [...d.disabilities],
        coarse: d.coarse,
        wishesRecorded: summary?.wishesRecorded ?? 0,
        erasedAt: summary?.erasedAt ?? null,
      };
    }
    case 'ChildDetailsUpdated': {
      if (summary === null) return summary;
      const d = event.data;
      return {
        ...summary,
        ...(d.gender !== undefined && { gender: d.gender }),
        ...(d.ethnicity !== undefined && { ethnicity: d.ethnicity }),
        ...(d.legalStatus !== undefined && { legalStatus: d.legalStatus }),
        ...(d.cinCategory !== undefined && { cinCategory: d.cinCategory }),
        ...(d.uasc !== undefined && { uasc: d.uasc }),
        ...(d.disabilities !== undefined && { disabilities: [...d.disabilities] }),
        coarse: d.coarse,
      };
    }
    case 'WishesAndFeelingsRecorded':
      return summary === null ? summary : { ...summary, wishesRecorded: summary.wishesRecorded + 1 };
    case 'ChildErased':
      return summary === null ? summary : { ...summary, status: 'Erased', erasedAt: event.data.erasedAt };
    default:
      return summary;
  }
};
