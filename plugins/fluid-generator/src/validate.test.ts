import { ModelCacheInputError, validateModelCacheInput } from './validate';

const minimal = {
  name: 'llama-cache',
  namespace: 'model-serving',
  backend: { type: 'alluxio-nfs', server: '10.0.0.5', path: '/exports/models' },
};

// The old guide's memory tier.
const guideMemoryTier = {
  medium: 'MEM',
  path: '/dev/shm',
  quota: '2Gi',
  high: '0.95',
  low: '0.7',
};

function issuesOf(input: unknown) {
  try {
    validateModelCacheInput(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelCacheInputError);
    return (error as ModelCacheInputError).issues;
  }
  throw new Error('expected the input to be rejected');
}

describe('validateModelCacheInput', () => {
  it('applies the defaults, per backend', () => {
    const { values, warnings } = validateModelCacheInput(minimal);
    expect(warnings).toEqual([]);
    expect(values.cache).toEqual({
      replicas: 1,
      placement: 'Exclusive',
      tiers: [
        guideMemoryTier,
        {
          medium: 'SSD',
          path: '/cache',
          quota: '10Gi',
          high: '0.95',
          low: '0.7',
        },
      ],
    });
    expect(values.modelExpress).toEqual({
      image: 'nvcr.io/nvidia/ai-dynamo/modelexpress-server:0.5.1',
      replicas: 1,
      metadataBackend: 'kubernetes',
      logLevel: 'info',
      resources: {
        requests: { cpu: '200m', memory: '128Mi' },
        limits: { cpu: '500m', memory: '256Mi' },
      },
    });
    expect(values.models).toEqual([]);
    expect(values.backend).toMatchObject({ capacity: '100Gi' });
    const juicefs = validateModelCacheInput({
      ...minimal,
      backend: { type: 'juicefs', bundled: true },
    });
    expect(juicefs.values.cache.tiers).toEqual([
      { medium: 'SSD', path: '/cache', quota: '10Gi', low: '0.1' },
    ]);
    expect(juicefs.values.backend).toMatchObject({
      subPath: '/',
      bundled: true,
    });
    // A form that adds no tier sends an empty list: the same as none.
    const empty = validateModelCacheInput({ ...minimal, cache: { tiers: [] } });
    expect(empty.values.cache.tiers).toEqual(values.cache.tiers);
  });

  it('orders Alluxio tiers from memory down to disk', () => {
    const { values } = validateModelCacheInput({
      ...minimal,
      cache: {
        tiers: [
          { medium: 'HDD', path: '/hdd', quota: '100Gi' },
          { medium: 'MEM', path: '/dev/shm', quota: '1Gi' },
        ],
      },
    });
    expect(values.cache.tiers.map(t => t.medium)).toEqual(['MEM', 'HDD']);
  });

  it('warns about JuiceFS high and a large low, and drops high', () => {
    const { values, warnings } = validateModelCacheInput({
      ...minimal,
      backend: { type: 'juicefs', bundled: true },
      cache: {
        tiers: [guideMemoryTier],
      },
    });
    expect(values.cache.tiers).toEqual([
      { medium: 'MEM', path: '/dev/shm', quota: '2Gi', low: '0.7' },
    ]);
    expect(warnings).toEqual([
      expect.stringContaining('high is ignored by JuiceFS'),
      expect.stringContaining('keeps 70% of the cache disk free'),
    ]);
  });

  it('warns that JuiceFS without storage/bucket needs a formatted volume', () => {
    const { warnings } = validateModelCacheInput({
      ...minimal,
      backend: {
        type: 'juicefs',
        metaurlSecret: { name: 'jfs', key: 'metaurl' },
      },
    });
    expect(warnings).toEqual([expect.stringContaining('--no-update')]);
  });

  it('lists every bad field in one error, with type errors and cross-field rules together', () => {
    const issues = issuesOf({
      name: 'Llama',
      namespace: 'model-serving',
      backend: { type: 'juicefs', bucket: 42 },
      cache: {
        replicas: 0,
        tiers: [
          { medium: 'SSD', path: 'cache', quota: 2048 },
          { medium: 'MEM', path: '/dev/shm', quota: '1Gi' },
        ],
      },
      modelExpress: {
        metadataBackend: 'redis',
        redisUrl: 'redis://:secret@redis:6379',
      },
      colour: 'blue',
    });
    expect(issues.map(i => i.path)).toEqual([
      'name',
      'backend.bucket',
      'cache.replicas',
      'cache.tiers[0].quota',
      'colour',
      'cache.tiers[0].path',
      'backend.metaurlSecret',
      'backend.storage',
      'cache.tiers',
      'modelExpress.redisUrl',
    ]);
    expect(
      issues.find(i => i.path === 'modelExpress.redisUrl')!.message,
    ).toMatch(/password/);
    expect(issues.find(i => i.path === 'colour')!.message).toMatch(
      /unknown key/,
    );
  });

  it('formats the error message with one line per field', () => {
    expect(() =>
      validateModelCacheInput({ ...minimal, namespace: 'Model Serving' }),
    ).toThrow(
      'Invalid model cache values (1 problem):\n  - namespace: must be a DNS-1123 label: lower-case letters, digits and "-"',
    );
  });

  it('rejects Alluxio low ≥ high and mixed path separators', () => {
    const issues = issuesOf({
      ...minimal,
      cache: {
        tiers: [
          {
            medium: 'MEM',
            path: '/a:/b',
            quota: '1Gi',
            high: '0.5',
            low: '0.9',
          },
        ],
      },
    });
    expect(issues).toEqual([
      {
        path: 'cache.tiers[0].path',
        message: expect.stringContaining(
          'separates cache directories with ","',
        ),
      },
      {
        path: 'cache.tiers[0].low',
        message: expect.stringContaining('must be lower than high'),
      },
    ]);
  });

  it('rejects requests above limits', () => {
    const issues = issuesOf({
      ...minimal,
      cache: {
        workerResources: {
          requests: { memory: '4Gi' },
          limits: { memory: '2Gi' },
        },
      },
    });
    expect(issues).toEqual([
      {
        path: 'cache.workerResources.requests.memory',
        message: 'must not exceed limits.memory (2Gi)',
      },
    ]);
  });
});
