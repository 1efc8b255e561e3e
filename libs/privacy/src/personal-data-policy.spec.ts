import { PersonalDataPolicyError, SubjectUnresolvedError } from './errors';
import {
  EventPersonalDataSpec,
  fromField,
  fromStream,
  PersonalDataPolicy,
  personalDataPolicy,
  PersonalDataRegistry,
} from './personal-data-policy';

const ruleOf = (spec: EventPersonalDataSpec) => {
  const rule = personalDataPolicy().event('T', spec).build().ruleFor('T');
  if (!rule) throw new Error('no rule');
  return rule;
};

describe('PersonalDataPolicy', () => {
  describe('finding personal values', () => {
    it('finds top-level and nested fields, skipping absent ones and keeping null', () => {
      const rule = ruleOf({
        subject: fromStream('child'),
        personal: ['name', 'home.postcode', 'dateOfBirth'],
      });
      expect(
        rule.personalValues('child-c1', {
          name: 'Test Child A',
          home: { postcode: 'ZZ99 1AA', la: 'E1' },
          dateOfBirth: null,
        }),
      ).toEqual([
        { path: ['name'], value: 'Test Child A', subjectId: 'c1' },
        { path: ['home', 'postcode'], value: 'ZZ99 1AA', subjectId: 'c1' },
        { path: ['dateOfBirth'], value: null, subjectId: 'c1' },
      ]);
      expect(rule.personalValues('child-c1', { home: 'not an object', other: 1 })).toEqual([]);
    });

    it('finds every array element with *, at any depth', () => {
      const rule = ruleOf({ subject: fromField('childId'), personal: ['visits.*.notes.*'] });
      const data = {
        childId: 'c1',
        visits: [{ notes: ['n1', 'n2'] }, { notes: [] }, { other: 1 }, { notes: ['n3'] }],
      };
      expect(rule.personalValues('request-r1', data).map((v) => [v.path, v.value])).toEqual([
        [['visits', 0, 'notes', 0], 'n1'],
        [['visits', 0, 'notes', 1], 'n2'],
        [['visits', 3, 'notes', 0], 'n3'],
      ]);
    });

    it('does not treat an object as an array under *', () => {
      const rule = ruleOf({ subject: fromField('childId'), personal: ['children.*.name'] });
      expect(rule.personalValues('s', { childId: 'c1', children: { a: { name: 'Test Child A' } } })).toEqual(
        [],
      );
    });

    it('gives each array element its own subject when the field names one with the same *', () => {
      const rule = ruleOf({
        personal: [{ path: 'children.*.name', subject: fromField('children.*.childId') }],
      });
      const data = {
        children: [
          { childId: 'c1', name: 'Test Child A' },
          { childId: 'c2', name: 'Test Child B' },
        ],
      };
      expect(rule.personalValues('request-r1', data).map((v) => [v.subjectId, v.value])).toEqual([
        ['c1', 'Test Child A'],
        ['c2', 'Test Child B'],
      ]);
      expect(rule.subjectAt('request-r1', data, ['children', 1, 'name'])).toBe('c2');
    });

    it('takes the subject from the stream id after the prefix, or from a field', () => {
      expect(ruleOf({ subject: fromStream('child'), personal: ['n'] }).eventSubject('child-ab-cd', {})).toBe(
        'ab-cd',
      );
      expect(
        ruleOf({ subject: fromField('who.id'), personal: ['n'] }).eventSubject('x', { who: { id: 'c9' } }),
      ).toBe('c9');
    });

    it.each([
      ['a stream with another prefix', fromStream('child'), 'request-r1', { name: 'x' }],
      ['a stream with nothing after the prefix', fromStream('child'), 'child-', { name: 'x' }],
      ['a missing subject field', fromField('childId'), 's', { name: 'x' }],
      ['an empty subject field', fromField('childId'), 's', { name: 'x', childId: '' }],
      ['a subject field that is not a string', fromField('childId'), 's', { name: 'x', childId: 7 }],
    ])('refuses personal data with %s', (_what, subject, stream, data) => {
      const error = (() => {
        try {
          return ruleOf({ subject, personal: ['name'] }).personalValues(stream, data);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(SubjectUnresolvedError);
      expect((error as SubjectUnresolvedError).code).toBe('PRIVACY.SUBJECT_UNRESOLVED');
    });

    it('needs no subject when no personal value is present', () => {
      expect(
        ruleOf({ subject: fromField('childId'), personal: ['name'] }).personalValues('s', { other: 1 }),
      ).toEqual([]);
    });

    it('finds the subject of a value whose field has left the policy from the event’s subject', () => {
      const rule = ruleOf({ subject: fromStream('child'), personal: ['name'] });
      expect(rule.subjectAt('child-c1', {}, ['formerlyPersonal'])).toBe('c1');
    });
  });

  describe('checking rules as they are declared', () => {
    it.each<[string, EventPersonalDataSpec]>([
      ['no personal fields', { subject: fromStream('child'), personal: [] }],
      ['an empty path', { subject: fromStream('child'), personal: [''] }],
      ['a path with an empty segment', { subject: fromStream('child'), personal: ['home..postcode'] }],
      ['a path starting with *', { subject: fromStream('child'), personal: ['*.name'] }],
      ['a segment that is not a field name', { subject: fromStream('child'), personal: ['$pii'] }],
      ['a numeric segment', { subject: fromStream('child'), personal: ['children.0.name'] }],
      ['a field without a subject', { personal: ['name'] }],
      ['overlapping fields', { subject: fromStream('child'), personal: ['home', 'home.postcode'] }],
      ['the same field twice', { subject: fromStream('child'), personal: ['name', 'name'] }],
      ['a personal subject field', { subject: fromField('childId'), personal: ['childId'] }],
      ['a subject field inside a personal field', { subject: fromField('child.id'), personal: ['child'] }],
      [
        'an event subject with *',
        { subject: fromField('children.*.childId'), personal: ['children.*.name'] },
      ],
      [
        'a field subject with * where the field has none',
        { personal: [{ path: 'children.*.name', subject: fromField('others.*.childId') }] },
      ],
      [
        'a field subject whose * is inside the personal field',
        { personal: [{ path: 'children.*.name', subject: fromField('children.*.name') }] },
      ],
      ['a bad stream prefix', { subject: fromStream('child-'), personal: ['name'] }],
    ])('refuses %s', (_what, spec) => {
      expect(() => personalDataPolicy().event('T', spec)).toThrow(PersonalDataPolicyError);
    });

    it('refuses an event type declared twice', () => {
      const builder = personalDataPolicy().event('T', { subject: fromStream('child'), personal: ['a'] });
      expect(() => builder.event('T', { subject: fromStream('child'), personal: ['b'] })).toThrow(
        PersonalDataPolicyError,
      );
    });

    it('knows nothing of event types it was not told about', () => {
      const policy = personalDataPolicy()
        .event('T', { subject: fromStream('child'), personal: ['a'] })
        .build();
      expect(policy.ruleFor('Other')).toBeUndefined();
      expect(policy.eventTypes()).toEqual(['T']);
      expect(policy.ruleFor('T')?.paths).toEqual(['a']);
    });
  });

  describe('PersonalDataRegistry', () => {
    const part = (...types: string[]) => {
      const builder = personalDataPolicy();
      types.forEach((t) => builder.event(t, { subject: fromStream('child'), personal: ['name'] }));
      return builder.build();
    };

    it('merges each context’s policy into one', () => {
      const policy = new PersonalDataRegistry()
        .register(part('ChildRecorded'))
        .register(part('PlacementRequested'))
        .policy();
      expect(policy.eventTypes().sort()).toEqual(['ChildRecorded', 'PlacementRequested']);
      expect(policy).toBeInstanceOf(PersonalDataPolicy);
    });

    it('refuses an event type two contexts both declare', () => {
      const registry = new PersonalDataRegistry().register(part('ChildRecorded'));
      expect(() => registry.register(part('Other', 'ChildRecorded'))).toThrow(PersonalDataPolicyError);
      expect(registry.policy().eventTypes()).toEqual(['ChildRecorded']);
    });

    it('refuses registrations after the policy was taken, which would never be applied', () => {
      const registry = new PersonalDataRegistry().register(part('ChildRecorded'));
      const policy = registry.policy();
      expect(() => registry.register(part('Late'))).toThrow(/after the policy was taken/);
      expect(registry.policy()).toBe(policy);
    });
  });
});
