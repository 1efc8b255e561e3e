import { PersonalDataPolicyError, SubjectUnresolvedError } from './errors';

/** Injection token for the application's {@link PersonalDataPolicy}. */
export const PERSONAL_DATA_POLICY = Symbol('PERSONAL_DATA_POLICY');

/**
 * Where an event's data subject (the child whose key encrypts the data) is found:
 * - `stream`: the stream id is `<prefix>-<subject id>`, as built by `streamName` (`child-<id>`);
 * - `field`: a data field holds the subject id (a dotted path, such as `childId`). On a personal field, the
 *   path may hold `*` where the personal field's path does, meaning the same array element: for the field
 *   `children.*.name`, the subject `children.*.childId` is the id of the same child.
 */
export type SubjectRule =
  { readonly from: 'stream'; readonly prefix: string } | { readonly from: 'field'; readonly path: string };

/** The subject is the id in a stream named `<prefix>-<id>`. */
export const fromStream = (prefix: string): SubjectRule => ({ from: 'stream', prefix });

/** The subject is the string in data field `path` (dotted; `*` only where the personal field has one). */
export const fromField = (path: string): SubjectRule => ({ from: 'field', path });

/**
 * A personal field: a dotted path into the event's data (`name`, `home.postcode`, `children.*.name`, with
 * `*` for every element of an array), optionally with a subject of its own (a sibling group's children each
 * have their own key). Whatever JSON value is at the path (a string, an object, an array) is encrypted as
 * one value. A path that is absent from an event is skipped, so one rule can list the fields of every
 * schema version of its event type.
 */
export type PersonalField = string | { readonly path: string; readonly subject: SubjectRule };

/** What is personal in one event type, and whose it is. */
export interface EventPersonalDataSpec {
  /** The subject of every personal field that does not name its own. */
  subject?: SubjectRule;
  /** The personal fields; none may lie inside another, nor hold a subject id. */
  personal: readonly PersonalField[];
}

/** A step of a concrete place in event data: a field name, or an array index. */
export type DataPathStep = string | number;

/** A personal value in one event's data: where it is, and whose it is. */
export interface PersonalValue {
  /** The concrete place in the data, such as `['children', 1, 'name']`. */
  path: DataPathStep[];
  value: unknown;
  subjectId: string;
}

const WILDCARD = '*';
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** An aggregate name, as `parseStreamName` reads it: everything before the first hyphen. */
const STREAM_PREFIX = /^[A-Za-z][A-Za-z0-9_]*$/;

const parsePath = (path: string, what: string): string[] => {
  const segments = typeof path === 'string' ? path.split('.') : [];
  const bad = segments.find((s) => s !== WILDCARD && !FIELD_NAME.test(s));
  if (segments.length === 0 || bad !== undefined || segments[0] === WILDCARD) {
    throw new PersonalDataPolicyError(
      `${what} "${String(path)}" is not a dotted path of field names and "*" starting with a field name`,
    );
  }
  return segments;
};

const isPrefix = (a: readonly string[], b: readonly string[]) =>
  a.length <= b.length && a.every((s, i) => s === b[i]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const own = (node: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(node, key);

/** The value at a concrete path, or `undefined` when the path leaves the data. */
const valueAt = (data: unknown, path: readonly DataPathStep[]): unknown => {
  let node = data;
  for (const step of path) {
    if (typeof step === 'number' ? !Array.isArray(node) : !isObject(node) || !own(node, step))
      return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
};

/** Every place a path pattern reaches in `data`, with the array index each `*` took. */
const expand = (
  data: unknown,
  segments: readonly string[],
): Array<{ path: DataPathStep[]; bindings: number[] }> => {
  const found: Array<{ path: DataPathStep[]; bindings: number[] }> = [];
  const visit = (node: unknown, i: number, path: DataPathStep[], bindings: number[]) => {
    if (i === segments.length) {
      if (node !== undefined) found.push({ path, bindings });
      return;
    }
    const segment = segments[i];
    if (segment === WILDCARD) {
      if (Array.isArray(node)) node.forEach((el, k) => visit(el, i + 1, [...path, k], [...bindings, k]));
    } else if (isObject(node) && own(node, segment)) {
      visit(node[segment], i + 1, [...path, segment], bindings);
    }
  };
  visit(data, 0, [], []);
  return found;
};

/** A subject rule made ready to apply. */
class Subject {
  private readonly segments: string[] | null;

  constructor(
    readonly rule: SubjectRule,
    what: string,
  ) {
    if (rule?.from === 'stream') {
      if (!STREAM_PREFIX.test(rule.prefix)) {
        throw new PersonalDataPolicyError(
          `${what}: stream prefix "${String(rule.prefix)}" is not an aggregate name (letters, digits, _)`,
        );
      }
      this.segments = null;
    } else if (rule?.from === 'field') {
      this.segments = parsePath(rule.path, `${what}: subject field`);
    } else {
      throw new PersonalDataPolicyError(`${what}: a subject is fromStream(prefix) or fromField(path)`);
    }
  }

  /** The subject's field path pattern, when the subject is in the data. */
  get fieldSegments(): readonly string[] | null {
    return this.segments;
  }

  get wildcards(): number {
    return this.segments?.filter((s) => s === WILDCARD).length ?? 0;
  }

  describe(): string {
    return this.rule.from === 'stream' ? `stream "${this.rule.prefix}-<id>"` : `field "${this.rule.path}"`;
  }

  /** The subject id for an event, filling the field path's `*` with `bindings` in order. */
  resolve(streamId: string, data: unknown, bindings: readonly number[]): string | undefined {
    if (this.segments === null) {
      const prefix = `${(this.rule as { prefix: string }).prefix}-`;
      return streamId.startsWith(prefix) && streamId.length > prefix.length
        ? streamId.slice(prefix.length)
        : undefined;
    }
    let k = 0;
    const path = this.segments.map((s) => (s === WILDCARD ? bindings[k++] : s));
    const id = valueAt(data, path);
    return typeof id === 'string' && id.length > 0 ? id : undefined;
  }
}

interface Field {
  path: string;
  segments: string[];
  subject: Subject;
}

/**
 * The personal data of one event type, compiled from an {@link EventPersonalDataSpec}: finds the personal
 * values in an event and whose they are.
 */
export class EventPersonalData {
  private readonly fields: Field[];
  private readonly subject: Subject | undefined;

  constructor(
    readonly type: string,
    spec: EventPersonalDataSpec,
  ) {
    const what = `Personal data of ${type}`;
    if (!Array.isArray(spec?.personal) || spec.personal.length === 0) {
      throw new PersonalDataPolicyError(`${what}: list at least one personal field`);
    }
    this.subject = spec.subject === undefined ? undefined : new Subject(spec.subject, `${what}`);
    if (this.subject && this.subject.wildcards > 0) {
      throw new PersonalDataPolicyError(
        `${what}: the event's subject field cannot hold "*"; give the personal field its own subject`,
      );
    }
    this.fields = spec.personal.map((f) => {
      const path = typeof f === 'string' ? f : f.path;
      const segments = parsePath(path, `${what}: personal field`);
      const subject = typeof f === 'string' ? this.subject : new Subject(f.subject, `${what}, field ${path}`);
      if (!subject) {
        throw new PersonalDataPolicyError(`${what}: field "${path}" has no subject, and the event has none`);
      }
      const subjectSegments = subject.fieldSegments;
      if (subjectSegments && subject.wildcards > 0) {
        const last = subjectSegments.lastIndexOf(WILDCARD);
        if (!isPrefix(subjectSegments.slice(0, last + 1), segments)) {
          throw new PersonalDataPolicyError(
            `${what}: the subject of "${path}" may use "*" only where the field's own path does`,
          );
        }
      }
      return { path, segments, subject };
    });
    const subjectFields = [this.subject, ...this.fields.map((f) => f.subject)].flatMap((s) =>
      s?.fieldSegments ? [s.fieldSegments] : [],
    );
    for (const [i, a] of this.fields.entries()) {
      for (const b of this.fields.slice(i + 1)) {
        if (isPrefix(a.segments, b.segments) || isPrefix(b.segments, a.segments)) {
          throw new PersonalDataPolicyError(`${what}: "${a.path}" and "${b.path}" overlap; keep one`);
        }
      }
      for (const s of subjectFields) {
        if (isPrefix(a.segments, s) || isPrefix(s, a.segments)) {
          throw new PersonalDataPolicyError(
            `${what}: the subject field "${s.join('.')}" would be encrypted by "${a.path}", and could not be read back`,
          );
        }
      }
    }
  }

  /** The personal field paths, as given. */
  get paths(): string[] {
    return this.fields.map((f) => f.path);
  }

  /**
   * The personal values present in `data` (a field that is absent is skipped; `null` is a value). Throws
   * {@link SubjectUnresolvedError} when a value has no subject.
   */
  personalValues(streamId: string, data: unknown): PersonalValue[] {
    return this.fields.flatMap((field) =>
      expand(data, field.segments).map(({ path, bindings }) => {
        const subjectId = field.subject.resolve(streamId, data, bindings);
        if (subjectId === undefined) {
          throw new SubjectUnresolvedError(
            `${this.type} in ${streamId} holds personal field "${field.path}" but no subject id in the ${field.subject.describe()}`,
            { streamId, type: this.type, field: field.path },
          );
        }
        return { path, value: valueAt(data, path), subjectId };
      }),
    );
  }

  /**
   * Whose the value at a concrete `path` is: the subject of the personal field whose pattern matches it,
   * else the event's subject (a field since dropped from the policy). `undefined` when there is none.
   */
  subjectAt(streamId: string, data: unknown, path: readonly DataPathStep[]): string | undefined {
    const field = this.fields.find(
      (f) =>
        f.segments.length === path.length &&
        f.segments.every((s, i) => (s === WILDCARD ? typeof path[i] === 'number' : s === path[i])),
    );
    if (field) {
      const bindings = path.filter((_, i) => field.segments[i] === WILDCARD) as number[];
      return field.subject.resolve(streamId, data, bindings);
    }
    return this.subject?.resolve(streamId, data, []);
  }

  /** The event's own subject (not a field's), when it has one that resolves. */
  eventSubject(streamId: string, data: unknown): string | undefined {
    return this.subject?.resolve(streamId, data, []);
  }
}

/**
 * Which fields of which event types are personal data about a child, and whose. Immutable; built with
 * {@link personalDataPolicy} and combined across bounded contexts with a {@link PersonalDataRegistry}. Event
 * types it does not name carry no personal data and pass through encryption untouched.
 */
export class PersonalDataPolicy {
  private readonly rules: ReadonlyMap<string, EventPersonalData>;

  constructor(rules: Iterable<EventPersonalData> = []) {
    const map = new Map<string, EventPersonalData>();
    for (const rule of rules) {
      if (map.has(rule.type)) {
        throw new PersonalDataPolicyError(`Personal data of ${rule.type} is defined twice`);
      }
      map.set(rule.type, rule);
    }
    this.rules = map;
  }

  /** The rule for an event type, or `undefined` when the type carries no personal data. */
  ruleFor(type: string): EventPersonalData | undefined {
    return this.rules.get(type);
  }

  /** The event types that carry personal data. */
  eventTypes(): string[] {
    return [...this.rules.keys()];
  }

  /** One policy holding the rules of all `policies`; an event type defined twice is an error. */
  static merge(...policies: PersonalDataPolicy[]): PersonalDataPolicy {
    return new PersonalDataPolicy(policies.flatMap((p) => [...p.rules.values()]));
  }
}

/** Builds a {@link PersonalDataPolicy}, checking each rule as it is added. */
export class PersonalDataPolicyBuilder {
  private readonly rules = new Map<string, EventPersonalData>();

  /** Declares the personal fields of one event type; an event type may be declared once. */
  event(type: string, spec: EventPersonalDataSpec): this {
    if (typeof type !== 'string' || type.length === 0) {
      throw new PersonalDataPolicyError('An event type is a non-empty string');
    }
    if (this.rules.has(type)) throw new PersonalDataPolicyError(`Personal data of ${type} is defined twice`);
    this.rules.set(type, new EventPersonalData(type, spec));
    return this;
  }

  /** The policy of the event types declared so far. */
  build(): PersonalDataPolicy {
    return new PersonalDataPolicy(this.rules.values());
  }
}

/**
 * Starts a policy:
 * `personalDataPolicy().event('ChildRecorded', { subject: fromStream('child'), personal: ['name'] }).build()`.
 */
export const personalDataPolicy = (): PersonalDataPolicyBuilder => new PersonalDataPolicyBuilder();

/**
 * Collects each bounded context's policy into the application's one policy. Sealed once the policy has been
 * taken: a rule registered later would never be applied, and events of its type would be written in clear,
 * so a late registration throws instead.
 */
export class PersonalDataRegistry {
  private readonly parts: PersonalDataPolicy[] = [];
  private sealed: PersonalDataPolicy | undefined;

  /** Adds a context's policy; an event type already registered by another is an error. */
  register(policy: PersonalDataPolicy): this {
    if (this.sealed) {
      throw new PersonalDataPolicyError(
        `Personal data registered after the policy was taken (${policy.eventTypes().join(', ')}): register every context's policy before opening the event store`,
      );
    }
    // Merged now only to refuse a type two contexts declare at the registration that causes it.
    PersonalDataPolicy.merge(...this.parts, policy);
    this.parts.push(policy);
    return this;
  }

  /** The merged policy; the registry accepts nothing more afterwards. */
  policy(): PersonalDataPolicy {
    this.sealed ??= PersonalDataPolicy.merge(...this.parts);
    return this.sealed;
  }
}
