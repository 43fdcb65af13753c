import fs from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { renderModelCacheRepository } from '@internal/plugin-fluid-generator';
import { createFluidModelCacheGenerateAction } from './generate';

const valid = {
  name: 'qwen-cache',
  namespace: 'chat',
  owner: 'group:default/ml-platform',
  models: ['Qwen/Qwen2.5-7B-Instruct'],
  backend: { type: 'juicefs', bundled: true },
};
const nfs = {
  type: 'alluxio-nfs',
  server: '10.0.0.5',
  path: '/exports/models',
};
const s3 = {
  type: 'alluxio-s3',
  bucket: 'model-weights',
  endpoint: 'https://s3.eu-west-1.amazonaws.com',
  region: 'eu-west-1',
  credentialsSecret: { name: 's3', accessKeyKey: 'a', secretKeyKey: 's' },
};
const tier = { medium: 'SSD', path: '/cache', quota: '10Gi' };

// A workspace that exists, so that "still empty" means something.
function emptyWorkspace(): string {
  const dir = createMockDirectory();
  fs.mkdirSync(dir.path, { recursive: true });
  return dir.path;
}

// The files as the MockDirectory content() tree: folders are objects.
function asTree(files: { path: string; content: string }[]) {
  const tree: Record<string, any> = {};
  for (const file of files) {
    const parts = file.path.split('/');
    const folder = parts
      .slice(0, -1)
      .reduce((node, part) => (node[part] ??= {}), tree);
    folder[parts[parts.length - 1]] = file.content;
  }
  return tree;
}

async function run(
  input: Record<string, unknown>,
  options: { isDryRun?: boolean } = {},
) {
  const action = createFluidModelCacheGenerateAction();
  const ctx = createMockActionContext({ input: input as any, ...options });
  await action.handler(ctx);
  return ctx;
}

describe('fluid:model-cache:generate', () => {
  it('writes the rendered repository into the workspace and reports it', async () => {
    const workspace = createMockDirectory();
    const action = createFluidModelCacheGenerateAction();
    const ctx = createMockActionContext({
      input: valid as any,
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    const expected = renderModelCacheRepository(valid).files;
    expect(workspace.content()).toEqual(asTree(expected));
    expect(ctx.output).toHaveBeenCalledWith('datasetName', 'qwen-cache');
    expect(ctx.output).toHaveBeenCalledWith('namespace', 'chat');
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/qwen-cache',
    );
    expect(ctx.output).toHaveBeenCalledWith('manifestsPath', 'deploy');
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expected.map(f => f.path),
    );
    expect(ctx.output).toHaveBeenCalledWith('warnings', []);
  });

  it('writes under targetPath, and reports paths relative to the workspace', async () => {
    const ctx = await run({ ...valid, targetPath: 'repos/cache' });
    expect(
      fs.existsSync(
        path.join(ctx.workspacePath, 'repos/cache/deploy/kustomization.yaml'),
      ),
    ).toBe(true);
    expect(ctx.output).toHaveBeenCalledWith(
      'manifestsPath',
      'repos/cache/deploy',
    );
  });

  it('does the same in a dry run, which touches nothing but the workspace', async () => {
    const ctx = await run({ ...valid, backend: nfs }, { isDryRun: true });
    expect(
      fs.existsSync(path.join(ctx.workspacePath, 'deploy/nfs-volume.yaml')),
    ).toBe(true);
  });

  it('logs the warnings and returns them', async () => {
    const ctx = await run({
      ...valid,
      cache: { tiers: [{ ...tier, high: '0.95' }] },
    });
    expect(ctx.output).toHaveBeenCalledWith('warnings', [
      expect.stringContaining('high is ignored by JuiceFS'),
    ]);
  });

  // Each case: what is wrong, the input, and the field the error must name.
  const badInputs: [string, Record<string, unknown>, string][] = [
    ['no name', { ...valid, name: undefined }, 'name'],
    ['an upper-case name', { ...valid, name: 'Llama_Cache' }, 'name'],
    [
      'a name too long for the derived names',
      { ...valid, name: `a${'b'.repeat(34)}` },
      'name',
    ],
    ['a name starting with a digit', { ...valid, name: '1cache' }, 'name'],
    [
      'a namespace that is no DNS label',
      { ...valid, namespace: 'Model Serving' },
      'namespace',
    ],
    [
      'an owner that is no entity ref',
      { ...valid, owner: 'group:default/' },
      'owner',
    ],
    ['no backend', { ...valid, backend: undefined }, 'backend'],
    [
      'an unknown backend type',
      { ...valid, backend: { type: 'ceph' } },
      'backend.type',
    ],
    [
      'JuiceFS without metaurl',
      { ...valid, backend: { type: 'juicefs' } },
      'backend.metaurlSecret',
    ],
    [
      'bundled JuiceFS with a metaurl',
      {
        ...valid,
        backend: {
          type: 'juicefs',
          bundled: true,
          metaurlSecret: { name: 'a', key: 'b' },
        },
      },
      'backend.metaurlSecret',
    ],
    [
      'JuiceFS storage without bucket',
      {
        ...valid,
        backend: {
          type: 'juicefs',
          metaurlSecret: { name: 'a', key: 'b' },
          storage: 's3',
        },
      },
      'backend.bucket',
    ],
    [
      'a JuiceFS bucket that is no URL',
      {
        ...valid,
        backend: {
          type: 'juicefs',
          metaurlSecret: { name: 'a', key: 'b' },
          storage: 's3',
          bucket: 'my-bucket',
        },
      },
      'backend.bucket',
    ],
    [
      'two JuiceFS tiers',
      { ...valid, cache: { tiers: [tier, { ...tier, medium: 'MEM' }] } },
      'cache.tiers',
    ],
    [
      'JuiceFS paths joined with a comma',
      { ...valid, cache: { tiers: [{ ...tier, path: '/a,/b' }] } },
      'cache.tiers[0].path',
    ],
    [
      'a relative cache path',
      { ...valid, cache: { tiers: [{ ...tier, path: 'cache' }] } },
      'cache.tiers[0].path',
    ],
    [
      'a 2GB quota',
      { ...valid, cache: { tiers: [{ ...tier, quota: '2GB' }] } },
      'cache.tiers[0].quota',
    ],
    [
      'a bare-integer quota',
      { ...valid, cache: { tiers: [{ ...tier, quota: 2147483648 }] } },
      'cache.tiers[0].quota',
    ],
    [
      'a quota without unit as a string',
      { ...valid, cache: { tiers: [{ ...tier, quota: '40960' }] } },
      'cache.tiers[0].quota',
    ],
    [
      'Alluxio low above high',
      {
        ...valid,
        backend: nfs,
        cache: { tiers: [{ ...tier, high: '0.7', low: '0.95' }] },
      },
      'cache.tiers[0].low',
    ],
    [
      'an unquoted watermark',
      { ...valid, backend: nfs, cache: { tiers: [{ ...tier, high: 0.95 }] } },
      'cache.tiers[0].high',
    ],
    [
      'an unknown medium',
      { ...valid, cache: { tiers: [{ ...tier, medium: 'RAM' }] } },
      'cache.tiers[0].medium',
    ],
    [
      'zero cache workers',
      { ...valid, cache: { replicas: 0 } },
      'cache.replicas',
    ],
    [
      'fractional cache workers',
      { ...valid, cache: { replicas: 1.5 } },
      'cache.replicas',
    ],
    [
      'NFS without server',
      { ...valid, backend: { ...nfs, server: undefined } },
      'backend.server',
    ],
    [
      'a relative NFS path',
      { ...valid, backend: { ...nfs, path: 'exports' } },
      'backend.path',
    ],
    [
      'a host path without node labels',
      { ...valid, backend: { type: 'alluxio-hostpath', nodeSelector: {} } },
      'backend.nodeSelector',
    ],
    [
      'S3 without credentials',
      { ...valid, backend: { ...s3, credentialsSecret: undefined } },
      'backend.credentialsSecret',
    ],
    [
      'an S3 endpoint that is no URL',
      { ...valid, backend: { ...s3, endpoint: 's3.amazonaws.com' } },
      'backend.endpoint',
    ],
    [
      'a Redis registry without URL',
      { ...valid, modelExpress: { metadataBackend: 'redis' } },
      'modelExpress.redisUrl',
    ],
    [
      'a Redis URL with a password',
      {
        ...valid,
        modelExpress: {
          metadataBackend: 'redis',
          redisUrl: 'redis://:hunter2@redis:6379',
        },
      },
      'modelExpress.redisUrl',
    ],
    [
      'a Redis URL with the Kubernetes registry',
      { ...valid, modelExpress: { redisUrl: 'redis://redis:6379' } },
      'modelExpress.redisUrl',
    ],
    [
      'an unknown registry',
      { ...valid, modelExpress: { metadataBackend: 'etcd' } },
      'modelExpress.metadataBackend',
    ],
    [
      'requests above limits',
      {
        ...valid,
        modelExpress: {
          resources: { requests: { cpu: '2' }, limits: { cpu: '500m' } },
        },
      },
      'modelExpress.resources.requests.cpu',
    ],
    [
      'an image reference with spaces',
      { ...valid, modelExpress: { image: 'model express' } },
      'modelExpress.image',
    ],
    [
      'a Secret ref without key',
      { ...valid, modelExpress: { hfTokenSecret: { name: 'hf' } } },
      'modelExpress.hfTokenSecret.key',
    ],
    [
      'a model id that is no Hugging Face id',
      { ...valid, models: ['not a model'] },
      'models[0]',
    ],
    ['a model listed twice', { ...valid, models: ['a/b', 'a/b'] }, 'models[1]'],
    [
      'a bad warm-up schedule',
      { ...valid, warmupSchedule: 'hourly' },
      'warmupSchedule',
    ],
    ['an unknown top-level key', { ...valid, replicas: 2 }, 'replicas'],
    [
      'a misspelt nested key',
      { ...valid, cache: { tier: [tier] } },
      'cache.tier',
    ],
    [
      'a targetPath outside the workspace',
      { ...valid, targetPath: '../elsewhere' },
      'targetPath',
    ],
  ];

  it.each(badInputs.map(([what, input, field]) => ({ what, input, field })))(
    'rejects $what, naming $field, and writes nothing',
    async ({ input, field }) => {
      const action = createFluidModelCacheGenerateAction();
      const ctx = createMockActionContext({
        input: input as any,
        workspacePath: emptyWorkspace(),
      });
      const error = await action.handler(ctx).then(
        () => undefined,
        e => e,
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(
        new RegExp(`^  - ${field.replace(/[.[\]]/g, '\\$&')}: `, 'm'),
      );
      expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );

  it('names every bad field in one error', async () => {
    const action = createFluidModelCacheGenerateAction();
    const ctx = createMockActionContext({
      input: {
        ...valid,
        name: 'X',
        namespace: '',
        targetPath: '/etc',
        cache: { replicas: 0 },
      } as any,
      workspacePath: emptyWorkspace(),
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /\(4 problems\):\n {2}- targetPath: .*\n {2}- name: .*\n {2}- namespace: .*\n {2}- cache.replicas: /,
    );
    expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
  });
});
