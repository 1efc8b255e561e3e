// Static checks of deploy/: the Dockerfile, the compose file and the Kubernetes manifests are read and
// checked against the code they deploy (the app entry points, the configuration loadConfig accepts, the
// health endpoints) and, for Kubernetes, against the API schemas bundled in kubernetes-models, offline.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigError, loadConfig, PlacematchEnv } from '@placematch/platform';
import { OUTCODE_CENTROIDS_FILE } from '@placematch/geo';
import { Deployment as K8sDeployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';

const root = join(__dirname, '..', '..');
const deployDir = join(root, 'deploy');
const k8sDir = join(deployDir, 'k8s');
const read = (...path: string[]) => readFileSync(join(...path), 'utf8');

/** The four services of the distributed mode, each an app under apps/ with its own entry point. */
const SERVICES = ['provider-api', 'placements-api', 'matching', 'commissioning'] as const;
const INFRASTRUCTURE = ['kurrentdb', 'kafka', 'redis', 'postgres'] as const;
/** Variables for Node itself rather than for Placematch: allowed beside the configuration's own. */
const NODE_VARIABLES = ['NODE_OPTIONS'];

/** What `npm run build` makes of apps/<service>/src/main.ts (package.json's start script says the same). */
const entryPoint = (service: string) => `dist/apps/${service}/src/main.js`;

/** The variables loadConfig reads, parsed from its source so that a renamed variable fails here. */
const configVariables = (): Set<string> => {
  const source = read(root, 'libs', 'platform', 'src', 'config', 'config.ts');
  return new Set([...source.matchAll(/\b(?:reader|this)\.\w+\(\s*'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]));
};

/** Real-looking secrets, made fresh for each run: what an operator generates with openssl. */
const generatedSecrets = () => ({
  POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
  PRIVACY_MASTER_KEY: randomBytes(32).toString('base64'),
  AUTH_JWT_SECRET: randomBytes(48).toString('base64'),
});

const expectConfigProblems = (env: PlacematchEnv, variables: string[]) => {
  let error: unknown;
  try {
    loadConfig(env);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual([...variables].sort());
};

// ---------------------------------------------------------------------------------------------------------
// Compose

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  read_only?: boolean;
  deploy?: { replicas?: number; resources?: { limits?: { memory?: string } } };
}

/**
 * Compose's variable substitution: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error},
 * ${NAME?error} and $$, applied to every string value after parsing, as compose does.
 */
const interpolate = (value: Json, vars: Record<string, string>): Json => {
  if (typeof value === 'string') {
    return value.replace(
      /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
      (match, name: string | undefined, op: string | undefined, arg: string | undefined) => {
        if (match === '$$') return '$';
        const v = vars[name!];
        const set = v !== undefined && (v !== '' || !op?.startsWith(':'));
        if (op?.endsWith('?')) {
          if (!set) throw new Error(`compose would stop: ${name} is required (${arg})`);
          return v;
        }
        if (op?.endsWith('-')) return set ? v : arg!;
        return v ?? '';
      },
    );
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)]));
  }
  return value;
};

const composeText = read(deployDir, 'compose.yaml');
const loadCompose = (vars: Record<string, string>) =>
  interpolate(parse(composeText, { merge: true }) as Json, vars) as unknown as {
    services: Record<string, ComposeService>;
  };

/** KEY=value lines of a dotenv file, comments and blank lines left out. */
const dotenv = (text: string): Record<string, string> =>
  Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

const envOf = (service: ComposeService): Record<string, string> =>
  Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );

/** Compose durations such as 30s, 1m30s or 2m, in milliseconds. */
const durationMs = (text: string): number => {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || text === '') throw new Error(`not a compose duration: ${text}`);
  return (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 1000;
};

describe('deploy/compose.yaml', () => {
  const secrets = generatedSecrets();
  const compose = loadCompose(secrets);
  const apps = SERVICES.map((name) => [name, compose.services[name]] as const);

  it('runs every service the product needs: KurrentDB, Kafka, Redis, PostgreSQL and the four apps', () => {
    expect(Object.keys(compose.services).sort()).toEqual([...INFRASTRUCTURE, ...SERVICES].sort());
  });

  it('pins the infrastructure images: Apache Kafka 3.9.x, PostgreSQL 17, Redis 7 and KurrentDB', () => {
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:3\.9\.\d+$/);
    expect(compose.services.postgres.image).toMatch(/^postgres:17(\.|-|$)/);
    expect(compose.services.redis.image).toMatch(/^redis:7(\.|-|$)/);
    expect(compose.services.kurrentdb.image).toMatch(/^kurrentplatform\/kurrentdb:\d+\.\d+/);
  });

  it.each(SERVICES)('starts %s with the built entry point of an app that exists', (name) => {
    expect(compose.services[name].command).toEqual(['node', entryPoint(name)]);
    expect(existsSync(join(root, 'apps', name, 'src'))).toBe(true);
  });

  it('builds every app service from deploy/Dockerfile with the repository as the context', () => {
    for (const [, service] of apps) {
      expect(service.build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
      expect(existsSync(join(deployDir, service.build!.context, service.build!.dockerfile))).toBe(true);
    }
  });

  it('runs two matching replicas with 1 GiB of memory each, twice the other services', () => {
    expect(compose.services.matching.deploy?.replicas).toBe(2);
    expect(compose.services.matching.deploy?.resources?.limits?.memory).toBe('1G');
    expect(compose.services['provider-api'].deploy?.resources?.limits?.memory).toBe('512M');
  });

  it('gives every app service only variables that the configuration (or Node) reads', () => {
    const known = configVariables();
    // The parse found the variables, so an empty set cannot make this pass.
    for (const variable of ['EVENT_STORE', 'DATABASE_URL', 'KAFKA_BROKERS', 'PRIVACY_MASTER_KEY']) {
      expect(known.has(variable)).toBe(true);
    }
    for (const [name, service] of apps) {
      const unknown = Object.keys(envOf(service)).filter((k) => !known.has(k) && !NODE_VARIABLES.includes(k));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });

  it.each(SERVICES)(
    'has an environment for %s that loadConfig accepts in production: KurrentDB, Kafka, bull, PostgreSQL',
    (name) => {
      const config = loadConfig(envOf(compose.services[name]));
      expect(config.production).toBe(true);
      expect(config.eventStore).toEqual({ kind: 'eventstoredb', url: 'esdb://kurrentdb:2113?tls=false' });
      expect(config.readModels).toEqual({
        kind: 'postgres',
        databaseUrl: `postgres://placematch:${secrets.POSTGRES_PASSWORD}@postgres:5432/placematch`,
      });
      expect(config.bus).toEqual({ kind: 'kafka', brokers: ['kafka:9092'] });
      expect(config.jobs).toEqual({ kind: 'bull', redisUrl: 'redis://redis:6379' });
      expect(config.privacyMasterKey).toBe(secrets.PRIVACY_MASTER_KEY);
      expect(config.auth).toEqual({ jwtSecret: secrets.AUTH_JWT_SECRET, developmentSecret: false });
    },
  );

  it('switches the event store to PostgreSQL when deploy/.env says EVENT_STORE=postgres', () => {
    const config = loadConfig(envOf(loadCompose({ ...secrets, EVENT_STORE: 'postgres' }).services.matching));
    expect(config.eventStore.kind).toBe('postgres');
    expect(config.readModels.kind).toBe('postgres');
  });

  it('names in deploy/.env.example exactly the variables compose requires', () => {
    // From the parsed values, not the text, so that a variable named in a comment does not count.
    const values = JSON.stringify(parse(composeText, { merge: true }));
    const required = new Set([...values.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((m) => m[1]));
    const example = dotenv(read(deployDir, '.env.example'));
    expect(Object.keys(example).sort()).toEqual([...required].sort());
    expect(() => loadCompose({})).toThrow(/is required/);
  });

  it('refuses to start with the placeholders of deploy/.env.example, naming each secret to generate', () => {
    const example = dotenv(read(deployDir, '.env.example'));
    expectConfigProblems(envOf(loadCompose(example).services['provider-api']), [
      'AUTH_JWT_SECRET',
      'PRIVACY_MASTER_KEY',
    ]);
  });

  it('gives every service a healthcheck, and the apps ask /health/ready on the port they listen on', () => {
    const withoutHealthcheck = Object.entries(compose.services)
      .filter(([, service]) => (service.healthcheck?.test?.length ?? 0) < 2)
      .map(([name]) => name);
    expect(withoutHealthcheck).toEqual([]);
    for (const [, service] of apps) {
      const port = envOf(service).PORT;
      expect(service.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
    }
  });

  it('starts each app only once all of the infrastructure is healthy', () => {
    for (const [, service] of apps) {
      expect(service.depends_on).toEqual(
        Object.fromEntries(INFRASTRUCTURE.map((name) => [name, { condition: 'service_healthy' }])),
      );
    }
  });

  it('gives each app longer to stop than its graceful shutdown takes, on a read-only filesystem', () => {
    for (const [, service] of apps) {
      expect(durationMs(service.stop_grace_period!)).toBeGreaterThan(
        Number(envOf(service).SHUTDOWN_TIMEOUT_MS),
      );
      expect(service.read_only).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Dockerfile

describe('deploy/Dockerfile', () => {
  const dockerfile = read(deployDir, 'Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const of = (keyword: string) =>
    instructions.filter((line) => line.startsWith(`${keyword} `)).map((l) => l.slice(keyword.length + 1));

  it('builds and runs on node:20-bookworm-slim', () => {
    expect(of('FROM').map((f) => f.split(' ')[0])).toEqual([
      'node:20-bookworm-slim',
      'node:20-bookworm-slim',
    ]);
  });

  it('installs, builds through the prepare script, and drops the dev dependencies', () => {
    expect(JSON.parse(read(root, 'package.json')).scripts.prepare).toBe('npm run build');
    expect(of('RUN')).toContain('npm install && npm prune --omit=dev --ignore-scripts');
  });

  it('runs as a numeric non-root user, which Kubernetes can check', () => {
    const users = of('USER');
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:\d+)?$/);
  });

  it('starts by default the entry point of the app named by SERVICE, the same path as npm start', () => {
    const service = /^SERVICE=(\S+)$/.exec(of('ARG').find((a) => a.startsWith('SERVICE='))!)![1];
    expect(existsSync(join(root, 'apps', service, 'src', 'main.ts'))).toBe(true);
    expect(of('CMD').at(-1)).toContain(entryPoint('${SERVICE}'));
    expect(JSON.parse(read(root, 'package.json')).scripts.start).toBe(`node ${entryPoint('placematch')}`);
  });

  it('copies the postcode-district table that the geocoder reads beside the build at run time', () => {
    expect(existsSync(join(root, 'libs', 'geo', 'data', OUTCODE_CENTROIDS_FILE))).toBe(true);
    expect(of('COPY')).toContain('--from=build /app/libs/geo/data ./libs/geo/data');
  });

  it('keeps node_modules, dist and .env files out of the build context', () => {
    const ignored = read(deployDir, 'Dockerfile.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.env', '**/.env']));
  });
});

// ---------------------------------------------------------------------------------------------------------
// Kubernetes

interface Manifest {
  file: string;
  doc: K8sObject;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  env?: { name: string; value?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: {
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface DeploymentDoc extends K8sObject {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        terminationGracePeriodSeconds: number;
        securityContext: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: Container[];
        volumes?: { name: string; emptyDir?: object }[];
      };
    };
  };
}
interface ServiceDoc extends K8sObject {
  spec: { type: string; selector: Record<string, string>; ports: { targetPort: string | number }[] };
}

/** The classes whose validate() checks an object against the bundled OpenAPI schema of its kind. */
const MODELS: Record<string, { new (data: never): { validate(): void } }> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': K8sDeployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};
/** The same kinds as TypeScript interfaces, for the check of unknown fields. */
const TYPES: Record<string, [module: string, name: string]> = {
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'INamespace'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'ISecret'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'policy/v1/PodDisruptionBudget': [
    'kubernetes-models/policy/v1/PodDisruptionBudget',
    'IPodDisruptionBudget',
  ],
};
const kindOf = (doc: K8sObject) => `${doc.apiVersion}/${doc.kind}`;

/** Runs the bundled JSON-schema validator of the object's kind; throws with every violation. */
const validateSchema = (doc: K8sObject) => {
  const Model = MODELS[kindOf(doc)];
  if (!Model) throw new Error(`no schema for ${kindOf(doc)}`);
  new Model(doc as never).validate();
};

/**
 * The fields no schema of the object's kind knows (a misspelt `readOnlyRootFileSystem` passes the JSON
 * schemas, which allow extra fields, and would silently be dropped by the API server). Each object is
 * written as a TypeScript object literal of its kind's interface, whose excess-property check finds them.
 */
const unknownFields = (docs: readonly K8sObject[]): string[] => {
  const file = join(root, 'test', 'deploy', '__manifests__.ts');
  const text = docs
    .map((doc, i) => {
      const [module, name] = TYPES[kindOf(doc)];
      return `import type { ${name} as T${i} } from '${module}';\nexport const m${i}: T${i} = ${JSON.stringify(doc)};`;
    })
    .join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === file ? ts.createSourceFile(name, text, version) : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const doc = docs[Math.floor(line / 2)];
    return doc ? `${kindOf(doc)} ${doc.metadata.name}: ${message}` : message;
  });
};

const kustomization = parse(read(k8sDir, 'kustomization.yaml')) as {
  namespace: string;
  resources: string[];
  images: { name: string }[];
};
const SECRET_TEMPLATE = 'secret.template.yaml';
const manifests: Manifest[] = [...kustomization.resources, SECRET_TEMPLATE].flatMap((file) =>
  parseAllDocuments(read(k8sDir, file)).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    return { file, doc: d.toJS() as K8sObject };
  }),
);
const docs = manifests.map((m) => m.doc);
const ofKind = <T extends K8sObject>(kind: string) => docs.filter((d): d is T => d.kind === kind);
const deployments = ofKind<DeploymentDoc>('Deployment');
const configMap = ofKind<K8sObject & { data: Record<string, string> }>('ConfigMap');
const secretTemplate = ofKind<K8sObject & { stringData: Record<string, string> }>('Secret');
const container = (name: string): Container => {
  const deployment = deployments.find((d) => d.metadata.name === name);
  if (!deployment) throw new Error(`no Deployment ${name}`);
  return deployment.spec.template.spec.containers[0];
};

describe('deploy/k8s', () => {
  it('lists in kustomization.yaml every manifest in the folder, all but the secret template', () => {
    const files = readdirSync(k8sDir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources, SECRET_TEMPLATE].sort()).toEqual(files.sort());
  });

  it.each(manifests.map((m) => [`${m.doc.kind} ${m.doc.metadata.name} (${m.file})`, m.doc] as const))(
    'has a %s that the Kubernetes schema of its kind accepts',
    (_, doc) => {
      expect(() => validateSchema(doc)).not.toThrow();
    },
  );

  it('refuses, in the schema check, a Deployment whose container port is not a number', () => {
    const broken = structuredClone(deployments[0]);
    (broken.spec.template.spec.containers[0].ports![0] as { containerPort: unknown }).containerPort = 'http';
    expect(() => validateSchema(broken)).toThrow(/containerPort must be integer/);
  });

  it('uses in every manifest only fields that the Kubernetes API knows, and finds a misspelt one', () => {
    const misspelt = structuredClone(deployments[0]);
    const security = misspelt.spec.template.spec.containers[0].securityContext as Record<string, unknown>;
    security.readOnlyRootFileSystem = security.readOnlyRootFilesystem;
    delete security.readOnlyRootFilesystem;
    const problems = unknownFields([...docs, misspelt]);
    expect(problems).toEqual([
      expect.stringMatching(/^apps\/v1\/Deployment provider-api: .*readOnlyRootFileSystem\W+ does not exist/),
    ]);
  });

  it('puts everything in the namespace that kustomization.yaml and namespace.yaml name', () => {
    const [namespace] = ofKind('Namespace');
    expect(namespace.metadata.name).toBe(kustomization.namespace);
    for (const doc of docs.filter((d) => d.kind !== 'Namespace')) {
      expect(`${doc.kind} ${doc.metadata.name} in ${doc.metadata.namespace}`).toBe(
        `${doc.kind} ${doc.metadata.name} in ${kustomization.namespace}`,
      );
    }
  });

  it('deploys the four services, two replicas each', () => {
    expect(deployments.map((d) => [d.metadata.name, d.spec.replicas]).sort()).toEqual(
      [...SERVICES].sort().map((name) => [name, 2]),
    );
  });

  it.each(SERVICES)(
    'starts %s with the built entry point of an app that exists, from the one image',
    (name) => {
      expect(container(name).command).toEqual(['node', entryPoint(name)]);
      expect(existsSync(join(root, 'apps', name, 'src'))).toBe(true);
      expect(container(name).image.split(':')[0]).toBe(kustomization.images[0].name);
    },
  );

  it.each(SERVICES)('probes %s for readiness on /health/ready and liveness on /health/live', (name) => {
    const c = container(name);
    const port = c.ports!.find((p) => p.name === c.readinessProbe?.httpGet?.port);
    expect(port).toBeDefined();
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: port!.name });
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: port!.name });
  });

  it('gives matching minutes to build its index before the other probes start, and 1 GiB of memory', () => {
    const c = container('matching');
    const { periodSeconds = 10, failureThreshold = 3 } = c.startupProbe!;
    expect(c.startupProbe?.httpGet?.path).toBe('/health/live');
    expect(periodSeconds * failureThreshold).toBeGreaterThanOrEqual(180);
    expect(c.resources?.limits?.memory).toBe('1Gi');
  });

  it.each(SERVICES)('sets CPU and memory requests and limits for %s', (name) => {
    const { resources } = container(name);
    expect(Object.keys(resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
  });

  it.each(SERVICES)(
    'runs %s as non-root on a read-only root filesystem, with an emptyDir for /tmp',
    (name) => {
      const spec = deployments.find((d) => d.metadata.name === name)!.spec.template.spec;
      const c = container(name);
      expect(spec.securityContext.runAsNonRoot).toBe(true);
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
      expect(spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    },
  );

  it.each(SERVICES)('lets %s finish its graceful shutdown before the kubelet kills it', (name) => {
    const spec = deployments.find((d) => d.metadata.name === name)!.spec.template.spec;
    const preStop = container(name).lifecycle?.preStop?.exec?.command ?? [];
    const pauseMs = preStop[0] === 'sleep' ? Number(preStop[1]) * 1000 : 0;
    const shutdownMs = Number(configMap[0].data.SHUTDOWN_TIMEOUT_MS);
    expect(spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(pauseMs + shutdownMs);
  });

  it.each(SERVICES)('has a ClusterIP Service for %s that selects its pods and targets its port', (name) => {
    const service = ofKind<ServiceDoc>('Service').find((s) => s.metadata.name === name);
    const deployment = deployments.find((d) => d.metadata.name === name)!;
    expect(service?.spec.type).toBe('ClusterIP');
    expect(service?.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toEqual(expect.objectContaining(service!.spec.selector));
    const ports = container(name).ports!.flatMap((p) => [p.name, p.containerPort]);
    for (const { targetPort } of service!.spec.ports) expect(ports).toContain(targetPort);
  });

  it.each(SERVICES)('takes the environment of %s from the ConfigMap and the Secret', (name) => {
    expect(container(name).envFrom).toEqual([
      { configMapRef: { name: configMap[0].metadata.name } },
      { secretRef: { name: secretTemplate[0].metadata.name } },
    ]);
    const unknown = (container(name).env ?? []).filter((e) => !NODE_VARIABLES.includes(e.name));
    expect(unknown).toEqual([]);
  });

  it('puts in the ConfigMap and the Secret template only variables that the configuration reads', () => {
    const known = configVariables();
    const keys = [...Object.keys(configMap[0].data), ...Object.keys(secretTemplate[0].stringData)];
    expect(keys.filter((k) => !known.has(k))).toEqual([]);
  });

  it('has a configuration that loadConfig accepts in production once the secrets are generated', () => {
    const secrets = generatedSecrets();
    const config = loadConfig({
      ...configMap[0].data,
      DATABASE_URL: `postgres://placematch:${secrets.POSTGRES_PASSWORD}@postgres:5432/placematch`,
      PRIVACY_MASTER_KEY: secrets.PRIVACY_MASTER_KEY,
      NODE_ENV: 'production',
    });
    expect(config.production).toBe(true);
    expect(config.eventStore.kind).toBe('eventstoredb');
    expect(config.readModels.kind).toBe('postgres');
    expect(config.bus.kind).toBe('kafka');
    expect(config.jobs.kind).toBe('bull');
    expect(config.auth.jwksUrl).toBe(configMap[0].data.AUTH_JWKS_URL);
    expect(config.auth.developmentSecret).toBe(false);
  });

  it('has a Secret template whose placeholders loadConfig refuses, so it cannot be deployed unedited', () => {
    expect(kustomization.resources).not.toContain(SECRET_TEMPLATE);
    expectConfigProblems({ ...configMap[0].data, ...secretTemplate[0].stringData }, ['PRIVACY_MASTER_KEY']);
  });
});
