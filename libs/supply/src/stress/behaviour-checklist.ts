/** One behaviour a carer is asked about in a daily report. */
export interface ChecklistItem {
  /** Stable: reports store it, so it is never reused for another behaviour. */
  readonly code: string;
  readonly label: string;
  readonly description: string;
}

/** A versioned list of behaviour items. A report names the checklist it was filled in against. */
export interface BehaviourChecklist {
  readonly id: string;
  readonly items: readonly ChecklistItem[];
}

/**
 * Builds a checklist, refusing an empty id, an empty list or a code used twice: a configuration error, so it
 * throws a plain `Error` at start-up rather than a domain refusal.
 */
export const defineChecklist = (id: string, items: readonly ChecklistItem[]): BehaviourChecklist => {
  if (id.trim() === '') throw new Error('A behaviour checklist needs an id');
  if (items.length === 0) throw new Error(`Behaviour checklist ${id} has no items`);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.code)) throw new Error(`Behaviour checklist ${id} uses code ${item.code} twice`);
    seen.add(item.code);
  }
  return { id, items };
};

const item = (code: string, label: string, description: string): ChecklistItem => ({
  code,
  label,
  description,
});

/**
 * Placematch's default list of 30 child behaviours for a KEEP-style daily report. The idea is the Parent Daily
 * Report (PDR) of the Oregon Social Learning Center, used in KEEP (domain-anchors.md §3.2): for each item the
 * carer says whether it happened in the past 24 hours and, if so, whether they found it stressful. The
 * wording here is Placematch's own, not the PDR's; published versions have 23, 30 and 34 items, so the list is
 * configuration: a local authority may define its own with {@link defineChecklist}, and reports name the
 * checklist they used. M-39: carer stress drives breakdown; M-40: the counts feed the early warning.
 */
export const DEFAULT_BEHAVIOUR_CHECKLIST: BehaviourChecklist = defineChecklist(
  'placematch-daily-behaviours-v1',
  [
    item('ARGUING', 'Arguing', 'Argued or answered back when asked to do something'),
    item('DEFIANCE', 'Refusing requests', 'Openly refused a reasonable request or house rule'),
    item('TANTRUM', 'Temper outburst', 'Had a tantrum or angry outburst out of proportion to the cause'),
    item('HITTING', 'Hurting people', 'Hit, kicked, bit, pushed or otherwise physically hurt someone'),
    item('THREATENING', 'Threatening', 'Threatened to hurt someone'),
    item('DAMAGING', 'Damaging things', 'Broke or damaged things on purpose'),
    item('LYING', 'Lying', 'Said something untrue to avoid blame or to get something'),
    item('STEALING', 'Taking things', 'Took something that belonged to someone else'),
    item('SWEARING', 'Swearing', 'Swore or used abusive language'),
    item('SHOUTING', 'Shouting', 'Shouted or screamed at people'),
    item('TEASING', 'Teasing or bullying', 'Teased, picked on or bullied another child'),
    item(
      'QUARRELLING',
      'Quarrelling with other children',
      'Argued or fought with other children in the home',
    ),
    item('WHINING', 'Whining', 'Whined or complained persistently'),
    item('JEALOUSY', 'Jealousy', 'Was upset by attention given to someone else'),
    item('IRRITABLE', 'Irritable', 'Was easily annoyed or quick to become upset'),
    item('LOW_MOOD', 'Low mood', 'Seemed sad, withdrawn or tearful'),
    item(
      'ANXIOUS',
      'Anxious or clingy',
      'Was worried, clingy or frightened more than the situation called for',
    ),
    item('RESTLESS', 'Restless', 'Could not settle; constantly on the go'),
    item('CONCENTRATION', 'Poor concentration', 'Could not stay with an activity or a task'),
    item('SLEEP', 'Sleep problems', 'Had trouble getting to sleep, woke in the night or had nightmares'),
    item('WETTING', 'Wetting', 'Wet the bed or their clothes (beyond what is usual for their age)'),
    item('SOILING', 'Soiling', 'Soiled their clothes or smeared'),
    item('EATING', 'Eating problems', 'Refused food, hid or hoarded food, or overate'),
    item('SCHOOL_REFUSAL', 'Refusing school', 'Refused or avoided going to school or nursery'),
    item('SCHOOL_TROUBLE', 'Trouble at school', 'School or nursery reported a problem with behaviour'),
    item('MISSING', 'Going missing', 'Left without permission or did not come back when expected'),
    item('SELF_HARM', 'Self-harm', 'Hurt themselves on purpose, or talked about doing so'),
    item('SEXUALISED', 'Sexualised behaviour', 'Sexual behaviour or talk not expected for their age'),
    item('ANIMALS', 'Hurting animals', 'Was cruel to or hurt an animal'),
    item('FIRE', 'Playing with fire', 'Lit fires or played with matches or lighters'),
  ],
);
