import { requirePastDate, requireText } from '../shared/validation';
import type { WishesAndFeelingsRecord } from './child.commands';

/**
 * Checks a wishes-and-feelings record (M-01) with `<prefix>.*` codes: a summary, who recorded it, and a date
 * not after today.
 */
export const validateWishes = (
  value: WishesAndFeelingsRecord | undefined,
  today: string,
  prefix: string,
  field: string,
): WishesAndFeelingsRecord => {
  const w = (value ?? {}) as Partial<WishesAndFeelingsRecord>;
  return {
    summary: requireText(w.summary, `${prefix}.WISHES_REQUIRED`, `${field}.summary`),
    recordedBy: requireText(w.recordedBy, `${prefix}.WISHES_RECORDED_BY_REQUIRED`, `${field}.recordedBy`),
    recordedOn: requirePastDate(
      w.recordedOn,
      today,
      `${prefix}.INVALID_DATE`,
      `${prefix}.DATE_IN_FUTURE`,
      `${field}.recordedOn`,
    ),
  };
};
