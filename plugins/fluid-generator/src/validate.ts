import { ZodIssue } from 'zod/v3';
import { parseQuantity } from './quantity';
import {
  modelCacheInputSchema,
  ParsedModelCacheInput,
  Resources,
  Tier,
} from './schema';

/** One bad field: where it is (`cache.tiers[0].quota`) and what is wrong. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Thrown for invalid input; the message lists every bad field. */
export class ModelCacheInputError extends Error {
  readonly issues: FieldIssue[];

  constructor(issues: FieldIssue[]) {
    super(
      [
        `Invalid model cache values (${issues.length} ${
          issues.length === 1 ? 'problem' : 'problems'
        }):`,
        ...issues.map(issue => `  - ${issue.path}: ${issue.message}`),
      ].join('\n'),
    );
    this.name = 'ModelCacheInputError';
    this.issues = issues;
  }
}

/** The input with every default applied; what the renderer works from. */
export type ModelCacheValues = Omit<ParsedModelCacheInput, 'cache'> & {
  cache: Omit<ParsedModelCacheInput['cache'], 'tiers'> & { tiers: Tier[] };
};

/** The outcome of a successful validation. */
export interface ValidatedModelCacheInput {
  values: ModelCacheValues;
  /** Input that is accepted but does not do what it seems to; say why. */
  warnings: string[];
}

// The guide's tiers. Alluxio uses both levels with their watermarks.
const ALLUXIO_DEFAULT_TIERS: Tier[] = [
  { medium: 'MEM', path: '/dev/shm', quota: '2Gi', high: '0.95', low: '0.7' },
  { medium: 'SSD', path: '/cache', quota: '10Gi', high: '0.95', low: '0.7' },
];
// JuiceFS reads only levels[0]: keep the larger, persistent SSD tier, with
// JuiceFS's own free-space-ratio default (0.1) instead of the guide's 0.7.
const JUICEFS_DEFAULT_TIERS: Tier[] = [
  { medium: 'SSD', path: '/cache', quota: '10Gi', low: '0.1' },
];
const MEDIUM_ORDER = ['MEM', 'SSD', 'HDD'];

function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    return text ? `${text}.${part}` : part;
  }, '');
}

function fromZodIssue(issue: ZodIssue): FieldIssue[] {
  const path = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map(key => ({
        path: formatPath([...issue.path, key]),
        message: 'unknown key (check its spelling against the schema)',
      }));
    case 'invalid_union_discriminator':
      return [
        {
          path,
          message: `must be one of ${issue.options.join(', ')}`,
        },
      ];
    case 'invalid_type':
      if (issue.received === 'undefined') {
        return [{ path, message: 'is required' }];
      }
      return [{ path, message: issue.message }];
    default:
      return [{ path, message: issue.message }];
  }
}

type Raw = Record<string, any>;
const isObject = (value: unknown): value is Raw =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkJuiceFs(backend: Raw, tiers: unknown, report: Reporter) {
  const explicit = ['metaurlSecret', 'storage', 'bucket', 'credentialsSecret'];
  if (backend.bundled === true) {
    for (const key of explicit.filter(k => backend[k] !== undefined)) {
      report.issue(
        `backend.${key}`,
        'must be left out with bundled: true, which generates the in-cluster Redis and MinIO and their Secret',
      );
    }
  } else {
    if (backend.metaurlSecret === undefined) {
      report.issue(
        'backend.metaurlSecret',
        'is required unless bundled: true: JuiceFS Community Edition needs a metadata engine URL, and without `metaurl` in mounts[0].encryptOptions Fluid assumes the Enterprise Edition',
      );
    }
    if ((backend.storage === undefined) !== (backend.bucket === undefined)) {
      const missing = backend.storage === undefined ? 'storage' : 'bucket';
      report.issue(
        `backend.${missing}`,
        'is required together with the other of storage/bucket: Fluid formats a new volume only when both are given',
      );
    } else if (backend.storage === undefined) {
      report.warn(
        'backend: no storage/bucket given, so Fluid runs `juicefs format --no-update`, which works only for a volume that is already formatted',
      );
    }
    if (backend.bundledStorage !== undefined) {
      report.issue('backend.bundledStorage', 'is used only with bundled: true');
    }
  }
  if (!Array.isArray(tiers)) return;
  if (tiers.length > 1) {
    report.issue(
      'cache.tiers',
      `has ${tiers.length} tiers, but JuiceFS uses only tieredstore.levels[0]; give one tier (several directories of one tier are joined with ":" in its path)`,
    );
  }
  tiers.forEach((tier: unknown, index) => {
    if (!isObject(tier)) return;
    if (typeof tier.path === 'string' && tier.path.includes(',')) {
      report.issue(
        `cache.tiers[${index}].path`,
        'JuiceFS separates cache directories with ":", not ","',
      );
    }
    if (tier.high !== undefined) {
      report.warn(
        `cache.tiers[${index}].high is ignored by JuiceFS and left out of the JuiceFSRuntime; only low is used (as free-space-ratio)`,
      );
    }
    if (typeof tier.low === 'string' && Number(tier.low) >= 0.5) {
      report.warn(
        `cache.tiers[${index}].low "${
          tier.low
        }" becomes JuiceFS free-space-ratio: JuiceFS keeps ${Math.round(
          Number(tier.low) * 100,
        )}% of the cache disk free; about "0.1" is usual`,
      );
    }
  });
}

function checkAlluxioTiers(tiers: unknown, report: Reporter) {
  if (!Array.isArray(tiers)) return;
  const seen = new Set<string>();
  tiers.forEach((tier: unknown, index) => {
    if (!isObject(tier)) return;
    const at = `cache.tiers[${index}]`;
    if (typeof tier.medium === 'string') {
      if (seen.has(tier.medium)) {
        report.issue(
          `${at}.medium`,
          `${tier.medium} is used by two tiers; Alluxio has one tier per medium`,
        );
      }
      seen.add(tier.medium);
    }
    if (typeof tier.path === 'string' && tier.path.includes(':')) {
      report.issue(
        `${at}.path`,
        'Alluxio separates cache directories with ",", not ":"',
      );
    }
    if (typeof tier.high === 'string' && typeof tier.low === 'string') {
      if (!(Number(tier.low) < Number(tier.high))) {
        report.issue(
          `${at}.low`,
          `must be lower than high (${tier.high}): Alluxio evicts from high down to low`,
        );
      }
    }
  });
}

function checkPaths(tiers: unknown, report: Reporter) {
  if (!Array.isArray(tiers)) return;
  tiers.forEach((tier: unknown, index) => {
    if (!isObject(tier) || typeof tier.path !== 'string') return;
    const parts = tier.path.split(/[,:]/);
    if (parts.some(part => !part.startsWith('/'))) {
      report.issue(
        `cache.tiers[${index}].path`,
        'every cache directory must be an absolute path',
      );
    }
  });
}

function checkResources(at: string, resources: unknown, report: Reporter) {
  if (!isObject(resources)) return;
  const { requests, limits } = resources as Resources;
  if (!isObject(requests) || !isObject(limits)) return;
  for (const key of Object.keys(requests) as (keyof typeof requests)[]) {
    const request = parseQuantity(String(requests[key]));
    const limit = parseQuantity(String(limits[key]));
    if (request !== undefined && limit !== undefined && request > limit) {
      report.issue(
        `${at}.requests.${key}`,
        `must not exceed limits.${key} (${limits[key]})`,
      );
    }
  }
}

function checkModelExpress(modelExpress: unknown, report: Reporter) {
  if (!isObject(modelExpress)) return;
  const backend = modelExpress.metadataBackend ?? 'kubernetes';
  const { redisUrl, redisUrlSecret } = modelExpress;
  if (backend === 'redis') {
    if (redisUrl === undefined && redisUrlSecret === undefined) {
      report.issue(
        'modelExpress.redisUrl',
        'is required when metadataBackend is redis (or give redisUrlSecret)',
      );
    }
    if (redisUrl !== undefined && redisUrlSecret !== undefined) {
      report.issue(
        'modelExpress.redisUrlSecret',
        'give either redisUrl or redisUrlSecret, not both',
      );
    }
  } else if (backend === 'kubernetes') {
    for (const key of ['redisUrl', 'redisUrlSecret']) {
      if (modelExpress[key] !== undefined) {
        report.issue(
          `modelExpress.${key}`,
          'is used only with metadataBackend: redis',
        );
      }
    }
  }
  if (typeof redisUrl === 'string') {
    let url: URL | undefined;
    try {
      url = new URL(redisUrl);
    } catch {
      url = undefined;
    }
    if (!url || !['redis:', 'rediss:'].includes(url.protocol)) {
      report.issue(
        'modelExpress.redisUrl',
        'must be a redis:// or rediss:// URL',
      );
    } else if (url.password) {
      report.issue(
        'modelExpress.redisUrl',
        'contains a password, which would be committed to the repository: store the URL in a Secret and use redisUrlSecret',
      );
    }
  }
  checkResources('modelExpress.resources', modelExpress.resources, report);
}

interface Reporter {
  issue(path: string, message: string): void;
  warn(message: string): void;
}

// Rules that span fields. They read the raw input defensively, so that they
// report even when another part of the input has a type error.
function crossFieldChecks(raw: unknown, report: Reporter) {
  if (!isObject(raw)) return;
  const backend = isObject(raw.backend) ? raw.backend : {};
  const cache = isObject(raw.cache) ? raw.cache : {};
  checkPaths(cache.tiers, report);
  if (backend.type === 'juicefs') {
    checkJuiceFs(backend, cache.tiers, report);
  } else if (
    typeof backend.type === 'string' &&
    backend.type.startsWith('alluxio-')
  ) {
    checkAlluxioTiers(cache.tiers, report);
  }
  checkResources('cache.workerResources', cache.workerResources, report);
  checkModelExpress(raw.modelExpress, report);
  if (Array.isArray(raw.models)) {
    const seen = new Set<unknown>();
    raw.models.forEach((model: unknown, index: number) => {
      if (seen.has(model)) {
        report.issue(`models[${index}]`, `${String(model)} is listed twice`);
      }
      seen.add(model);
    });
  }
}

function resolveTiers(values: ParsedModelCacheInput): Tier[] {
  const juicefs = values.backend.type === 'juicefs';
  // An empty list is what a form sends when no tier was added.
  const defaults = juicefs ? JUICEFS_DEFAULT_TIERS : ALLUXIO_DEFAULT_TIERS;
  const tiers = values.cache.tiers?.length ? values.cache.tiers : defaults;
  if (juicefs) {
    return tiers.map(({ high: _ignored, ...tier }) => tier);
  }
  return [...tiers].sort(
    (a, b) => MEDIUM_ORDER.indexOf(a.medium) - MEDIUM_ORDER.indexOf(b.medium),
  );
}

/**
 * Validates the whole input, applies defaults, and either returns the values
 * with warnings or throws one {@link ModelCacheInputError} naming every bad
 * field. It never writes anything.
 */
export function validateModelCacheInput(
  raw: unknown,
): ValidatedModelCacheInput {
  const issues: FieldIssue[] = [];
  const warnings: string[] = [];
  const parsed = modelCacheInputSchema.safeParse(raw);
  if (!parsed.success) {
    issues.push(...parsed.error.issues.flatMap(fromZodIssue));
  }
  crossFieldChecks(raw, {
    issue: (path, message) => issues.push({ path, message }),
    warn: message => warnings.push(message),
  });
  const unique = issues.filter(
    (issue, index) =>
      issues.findIndex(
        other => other.path === issue.path && other.message === issue.message,
      ) === index,
  );
  if (unique.length > 0 || !parsed.success) {
    throw new ModelCacheInputError(unique);
  }
  const values: ModelCacheValues = {
    ...parsed.data,
    cache: { ...parsed.data.cache, tiers: resolveTiers(parsed.data) },
  };
  return { values, warnings };
}
