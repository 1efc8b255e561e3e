import type { LegalStatusCode, ReasonEpisodeCeasedCode, ReasonNewEpisodeCode } from '@placematch/placements';
import { SHORT_BREAK_LEGAL_STATUSES, TEMPORARY_PLACEMENT_CODES } from '@placematch/placements';
import type { PlacementTypeCode } from '@placematch/supply';
import type { AgeAnchor } from '../age';

/**
 * One placement spell of a child, as the placements context records it: `PlacementStarted` (DECOM, RNE, LS,
 * PLACE) and, once it has ended, `PlacementEnded` (DEC, REC). In SSDA903 terms it is one episode, or a run of
 * episodes that changed only the legal status (the placements context records those as legal status changes,
 * not as new placements).
 */
export interface PlacementSpell {
  placementId: string;
  /** DECOM, `YYYY-MM-DD`. */
  startedOn: string;
  /** DEC, `YYYY-MM-DD`; `null` while it goes on. */
  endedOn: string | null;
  /** RNE of its first episode. */
  reasonNewEpisode: ReasonNewEpisodeCode;
  /** LS on the day it started. */
  legalStatus: LegalStatusCode;
  /** PLACE. */
  placementType: PlacementTypeCode;
  /** REC; `null` while it goes on. */
  rec: ReasonEpisodeCeasedCode | null;
}

/** A change of legal status on a date (`ChildRecorded`/`ChildDetailsUpdated` carry LS in the clear). */
export interface LegalStatusChange {
  on: string;
  legalStatus: LegalStatusCode;
}

/** What the stability measures need to know about one child: codes and dates only, never a name. */
export interface EpisodeHistory {
  childId: string;
  /** Where the child's age on a date can be derived from (coarse values only). */
  ages: readonly AgeAnchor[];
  spells: readonly PlacementSpell[];
  legalStatusChanges: readonly LegalStatusChange[];
}

/** The placed-for-adoption codes: A3 and A5 are with the child's current foster carers, A4 and A6 are not. */
export const PLACED_FOR_ADOPTION_CODES: readonly PlacementTypeCode[] = ['A3', 'A4', 'A5', 'A6'];

/** Placed for adoption with the current foster carer(s) (s19/s21 ACA 2002): the child does not move. */
export const ADOPTION_WITH_CURRENT_CARERS: readonly PlacementTypeCode[] = ['A3', 'A5'];

const TEMPORARY: readonly string[] = TEMPORARY_PLACEMENT_CODES;

/** True for a temporary move code T0-T4: never a placement. */
export const isTemporary = (spell: PlacementSpell): boolean => TEMPORARY.includes(spell.placementType);

/** True for a short-break spell (LS V3 or V4). */
export const isShortBreak = (legalStatus: LegalStatusCode): boolean =>
  SHORT_BREAK_LEGAL_STATUSES.includes(legalStatus);

/**
 * The spells that can be placements, in the order they started (ties by id, so the order is stable):
 * temporary moves (T0-T4), which an import may carry as spells, are dropped.
 */
export const placementSpells = (history: EpisodeHistory): PlacementSpell[] =>
  history.spells
    .filter((s) => !isTemporary(s))
    .slice()
    .sort((a, b) =>
      a.startedOn !== b.startedOn
        ? a.startedOn < b.startedOn
          ? -1
          : 1
        : a.placementId < b.placementId
          ? -1
          : a.placementId > b.placementId
            ? 1
            : 0,
    );

/**
 * True when `spell` covers the night of `date`: it started on or before it and had not ended by it. A spell
 * ending on `date` does not cover it (the child moved or left that day); a spell that starts and ends on the
 * same day covers that day only.
 */
export const covers = (spell: PlacementSpell, date: string): boolean =>
  spell.startedOn <= date &&
  (spell.endedOn === null || spell.endedOn > date || (spell.endedOn === date && spell.startedOn === date));

/** True when `spell` covers any day from `from` to `to` (both included). */
export const coversAnyOf = (spell: PlacementSpell, from: string, to: string): boolean =>
  spell.startedOn <= to &&
  (spell.endedOn === null ||
    spell.endedOn > from ||
    (spell.endedOn === from && spell.startedOn === spell.endedOn));

/** The spell the child is in on `date` (the one that started last, if two do), or `undefined`. */
export const spellOn = (spells: readonly PlacementSpell[], date: string): PlacementSpell | undefined => {
  let found: PlacementSpell | undefined;
  for (const s of spells) if (covers(s, date)) found = s;
  return found;
};

/**
 * The legal status on `date`: the latest of the statuses recorded on or before it, from legal status changes
 * and from the spells' starts (a change recorded the same day as a start wins: it is the later fact).
 */
export const legalStatusOn = (history: EpisodeHistory, date: string): LegalStatusCode | undefined => {
  let best: { on: string; rank: number; legalStatus: LegalStatusCode } | undefined;
  const consider = (on: string, rank: number, legalStatus: LegalStatusCode) => {
    if (on > date) return;
    if (!best || on > best.on || (on === best.on && rank >= best.rank)) best = { on, rank, legalStatus };
  };
  for (const s of history.spells) if (!isTemporary(s)) consider(s.startedOn, 0, s.legalStatus);
  for (const c of history.legalStatusChanges) consider(c.on, 1, c.legalStatus);
  return best?.legalStatus;
};

/**
 * True when `later` follows `earlier` without a break in care: it starts the day `earlier` ended, and
 * `earlier` did not end with a reason that ends the period of care (only `X1`, "episode ceases and a new one
 * begins the same day", keeps the child looked after).
 */
export const continues = (earlier: PlacementSpell, later: PlacementSpell): boolean =>
  earlier.endedOn !== null &&
  earlier.endedOn === later.startedOn &&
  (earlier.rec === null || earlier.rec === 'X1');

/** The spell `spells[i]` continues from, if any: the contiguous spell before it in the same period of care. */
export const predecessor = (spells: readonly PlacementSpell[], i: number): number | undefined => {
  for (let j = i - 1; j >= 0; j--) if (continues(spells[j], spells[i])) return j;
  return undefined;
};
