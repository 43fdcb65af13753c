import { strategicMergePatch, mergePatch, jsonPatch } from './patch';
import { parseFieldSelector, parseLabelSelector } from '../store/selectors';
import { humanDuration, goDuration } from './duration';
import { evaluate } from './jsonpath';
import { SchemaValidator } from './schema';
import { invalidError } from './fieldErrors';
import { validateObjectMeta } from './metadata';
import { ApiError } from './status';

const object = (
  labels: Record<string, string>,
  name = 'a',
  namespace = 'ns',
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
});

describe('label and field selectors', () => {
  it('matches equality, set and existence requirements', () => {
    const labels = {
      app: 'llama',
      tier: 'cache',
      'backstage.io/kubernetes-id': 'llama-chat',
    };
    const yes = [
      'app=llama',
      'app==llama,tier!=web',
      'tier in (cache, web)',
      'app notin (x)',
      'backstage.io/kubernetes-id',
      '!missing',
      '',
    ];
    for (const selector of yes)
      expect(parseLabelSelector(selector)(object(labels))).toBe(true);
    for (const selector of [
      'app=other',
      'tier notin (cache)',
      'missing',
      '!app',
    ]) {
      expect(parseLabelSelector(selector)(object(labels))).toBe(false);
    }
  });

  it('rejects what the API server rejects', () => {
    expect(() => parseLabelSelector('a in b')).toThrow(ApiError);
    expect(() =>
      parseFieldSelector('spec.foo=bar', 'data.fluid.io/datasets'),
    ).toThrow('field label not supported: spec.foo');
    const byName = parseFieldSelector(
      'metadata.name=a,metadata.namespace!=other',
      'x/y',
    );
    expect(byName(object({}))).toBe(true);
    expect(byName(object({}, 'b'))).toBe(false);
  });
});

describe('patches', () => {
  const deployment = {
    metadata: { finalizers: ['a'] },
    spec: {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
      template: {
        spec: {
          containers: [
            {
              name: 'one',
              image: 'x:1',
              ports: [{ containerPort: 80 }],
              env: [{ name: 'A', value: '1' }],
            },
            { name: 'two', image: 'y:1' },
          ],
          tolerations: [{ key: 'a' }],
        },
      },
    },
  };

  it('merges lists by their patch merge key and replaces the others', () => {
    const result = strategicMergePatch(deployment, {
      metadata: { finalizers: ['b'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'one', image: 'x:2', ports: [{ containerPort: 81 }] },
            ],
            tolerations: [{ key: 'b' }],
          },
        },
      },
    });
    const containers = result.spec.template.spec.containers;
    expect(containers.map((c: any) => [c.name, c.image])).toEqual([
      ['one', 'x:2'],
      ['two', 'y:1'],
    ]);
    expect(containers[0].ports).toEqual([
      { containerPort: 81 },
      { containerPort: 80 },
    ]);
    expect(containers[0].env).toEqual([{ name: 'A', value: '1' }]);
    expect(result.spec.template.spec.tolerations).toEqual([{ key: 'b' }]);
    expect(result.metadata.finalizers).toEqual(['b', 'a']);
  });

  it('follows the directives kubectl apply sends', () => {
    const result = strategicMergePatch(deployment, {
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: {
          spec: {
            $setElementOrder: undefined,
            '$setElementOrder/containers': [{ name: 'two' }, { name: 'one' }],
            containers: [
              { name: 'two', image: 'y:2' },
              { name: 'one', $patch: 'delete' },
            ],
          },
        },
      },
    });
    expect(result.spec.strategy).toEqual({ type: 'Recreate' });
    expect(result.spec.template.spec.containers).toEqual([
      { name: 'two', image: 'y:2' },
    ]);
    expect(
      strategicMergePatch({ a: { b: 1 } }, { a: { $patch: 'replace', c: 2 } }),
    ).toEqual({ a: { c: 2 } });
    expect(
      strategicMergePatch(deployment, {
        metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
      }).metadata.finalizers,
    ).toEqual([]);
  });

  it('applies RFC 7386 merge patches and RFC 6902 JSON patches', () => {
    expect(
      mergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: 5 } }),
    ).toEqual({ b: { c: 5, d: 3 } });
    expect(
      jsonPatch({ a: [1] }, [{ op: 'add', path: '/a/-', value: 2 }]),
    ).toEqual({ a: [1, 2] });
    expect(() =>
      jsonPatch({ a: 1 }, [{ op: 'replace', path: '/missing/x', value: 2 }]),
    ).toThrow(ApiError);
  });
});

describe('CRD schema validation', () => {
  const validator = new SchemaValidator({
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 2 },
          replicas: { type: 'integer', minimum: 0 },
          medium: { type: 'string', enum: ['MEM', 'SSD'] },
          levels: {
            type: 'array',
            maxItems: 1,
            items: {
              type: 'object',
              properties: { quota: { type: 'string', pattern: '^\\d+Gi$' } },
            },
          },
          policy: { type: 'string', default: 'Once' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          free: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
      },
    },
  });

  it('words each failure as kube-openapi does', () => {
    const errors = validator.validate({
      apiVersion: 'x/v1',
      kind: 'X',
      metadata: { name: 'n' },
      spec: { replicas: 'two', medium: 'NVME', levels: [{ quota: '2GB' }, {}] },
    });
    const error = invalidError('example.com', 'Thing', 'n', errors);
    expect(error.code).toBe(422);
    expect(error.message).toMatch(/^Thing\.example\.com "n" is invalid: \[/);
    for (const part of [
      'spec.name: Required value',
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      'spec.medium: Unsupported value: "NVME": supported values: "MEM", "SSD"',
      'spec.levels[0].quota: Invalid value: "2GB": spec.levels[0].quota in body should match \'^\\d+Gi$\'',
      'spec.levels: Too many: 2: must have at most 1 items',
    ]) {
      expect(error.message).toContain(part);
    }
    expect(error.details?.causes).toContainEqual({
      reason: 'FieldValueRequired',
      message: 'Required value',
      field: 'spec.name',
    });
  });

  it('prunes unknown fields and applies defaults', () => {
    const value: any = {
      metadata: { name: 'n' },
      spec: { name: 'ok', typo: 1, labels: { a: 'b' }, free: { any: 1 } },
    };
    expect(validator.prune(value)).toEqual(['spec.typo']);
    expect(validator.validate(value)).toEqual([]);
    expect(value.spec).toEqual({
      name: 'ok',
      labels: { a: 'b' },
      free: { any: 1 },
      policy: 'Once',
    });
  });

  it('checks names and labels like ValidateObjectMeta', () => {
    expect(
      validateObjectMeta(
        { name: 'Bad_Name', labels: { ok: 'fine' } },
        'subdomain',
      )[0],
    ).toMatchObject({
      field: 'metadata.name',
      detail: expect.stringContaining('a lowercase RFC 1123 subdomain'),
    });
    expect(validateObjectMeta({ generateName: 'x-' }, 'subdomain')).toEqual([]);
    expect(validateObjectMeta({}, 'subdomain')[0]).toMatchObject({
      type: 'Required value',
    });
    expect(
      validateObjectMeta(
        { name: 'a', labels: { k: 'bad value' } },
        'subdomain',
      )[0].detail,
    ).toContain('a valid label must be an empty string');
  });
});

describe('formats', () => {
  it('prints ages like kubectl and durations like Go', () => {
    expect(humanDuration(45_000)).toBe('45s');
    expect(humanDuration(192_000)).toBe('3m12s');
    expect(humanDuration(5 * 3600_000)).toBe('5h');
    expect(humanDuration(51 * 3600_000)).toBe('2d3h');
    expect(goDuration(182_000)).toBe('3m2s');
    expect(goDuration(3_605_000)).toBe('1h0m5s');
  });

  it('evaluates printer-column JSONPath', () => {
    const data = {
      status: {
        conditions: [
          { type: 'A', status: 'False' },
          { type: 'Ready', status: 'True' },
        ],
      },
      a: { 'b.c': 1 },
    };
    expect(
      evaluate('.status.conditions[?(@.type=="Ready")].status', data),
    ).toEqual(['True']);
    expect(evaluate('.status.conditions[0].type', data)).toEqual(['A']);
    expect(evaluate(".a['b.c']", data)).toEqual([1]);
    expect(evaluate('.missing.x', data)).toEqual([]);
  });
});
