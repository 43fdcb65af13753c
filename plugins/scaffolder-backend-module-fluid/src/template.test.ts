// The software template, end to end: Backstage's own template validation,
// then a dry run through the real scaffolder backend with this module.
import fs from 'node:fs';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import request from 'supertest';
import { parse, parseAllDocuments } from 'yaml';
import { scaffolderModuleFluid } from './module';

// The template lives at the repository root, beside plugins/.
const templateDir = path.resolve(
  require.resolve(
    '@internal/plugin-scaffolder-backend-module-fluid/package.json',
  ),
  '../../../templates/model-express-fluid',
);

function templateFiles() {
  return fs
    .readdirSync(templateDir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => {
      const file = path.join(entry.parentPath, entry.name);
      return {
        path: path.relative(templateDir, file),
        base64Content: fs.readFileSync(file).toString('base64'),
      };
    });
}

const template = parse(
  fs.readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
);

const formValues = {
  name: 'llama-cache',
  namespace: 'model-serving',
  owner: 'group:default/ml-platform',
  description: 'Llama weights for the chat service',
  backend: {
    type: 'alluxio-nfs',
    server: 'nfs.example.internal',
    path: '/exports/models',
    capacity: '200Gi',
  },
  cache: { replicas: 2, placement: 'Exclusive', tiers: [] },
  image: 'nvcr.io/nvidia/ai-dynamo/modelexpress-server:0.5.1',
  serverReplicas: 1,
  logLevel: 'info',
  hfTokenSecretName: 'hf-token',
  metadataBackend: 'kubernetes',
  // Typed before switching the registry back to Kubernetes: not passed on.
  redisUrl: 'redis://registry:6379/0',
  models: ['meta-llama/Llama-3.1-8B-Instruct'],
  warmupSchedule: '0 * * * *',
  repoUrl: 'github.com?owner=ml-platform&repo=llama-cache',
};

const backends: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(backends.splice(0).map(backend => backend.stop()));
});

async function dryRun(values: Record<string, unknown>) {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      githubModule,
      scaffolderModuleFluid,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: { integrations: { github: [{ host: 'github.com' }] } },
      }),
    ],
  });
  backends.push(backend);
  return request(backend.server)
    .post('/api/scaffolder/v2/dry-run')
    .send({ template, values, directoryContents: templateFiles() });
}

const decode = (file: { base64Content: string }) =>
  Buffer.from(file.base64Content, 'base64').toString('utf8');

describe('templates/model-express-fluid', () => {
  it("passes Backstage's template validation", async () => {
    await expect(templateEntityV1beta3Validator.check(template)).resolves.toBe(
      true,
    );
    expect(
      template.spec.steps.map((s: { action: string }) => s.action),
    ).toEqual([
      'fluid:model-cache:generate',
      'publish:github',
      'catalog:register',
    ]);
  });

  it('runs end to end in a dry run and produces the manifests', async () => {
    const response = await dryRun(formValues);
    expect(response.status).toBe(200);
    const files = Object.fromEntries(
      response.body.directoryContents.map(
        (f: { path: string; base64Content: string }) => [f.path, decode(f)],
      ),
    );
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'deploy/kustomization.yaml',
        'deploy/dataset.yaml',
        'deploy/runtime.yaml',
        'deploy/nfs-volume.yaml',
        'deploy/modelexpress.yaml',
        'deploy/rbac.yaml',
        'deploy/dataload.yaml',
        'deploy/prefetch-job.yaml',
        'secrets.example.yaml',
        'docs/index.md',
        'mkdocs.yml',
      ]),
    );
    const dataset = parse(files['deploy/dataset.yaml']);
    expect(dataset.spec.mounts[0].mountPoint).toBe('pvc://llama-cache-nfs');
    const runtime = parse(files['deploy/runtime.yaml']);
    expect([
      runtime.kind,
      runtime.metadata.name,
      runtime.spec.replicas,
    ]).toEqual(['AlluxioRuntime', 'llama-cache', 2]);
    // The optional token Secret made it through the template expression.
    const job = parseAllDocuments(files['deploy/prefetch-job.yaml'])[0].toJS();
    expect(job.spec.template.spec.containers[0].env).toContainEqual({
      name: 'HF_TOKEN',
      valueFrom: { secretKeyRef: { name: 'hf-token', key: 'token' } },
    });
    expect(parse(files['catalog-info.yaml']).spec.owner).toBe(
      'group:default/ml-platform',
    );
    // publish:github and catalog:register do not support dry runs.
    const log = response.body.log
      .map((l: { body: { message: string } }) => l.body.message)
      .join('\n');
    expect(log).toContain(
      'Skipping because publish:github does not support dry-run',
    );
    expect(response.body.output.text[0].content).toContain(
      'kubectl apply -k deploy',
    );
  });

  it('leaves optional fields out when the form leaves them empty', async () => {
    const {
      description: _d,
      hfTokenSecretName: _h,
      cache: _c,
      ...minimal
    } = formValues;
    const response = await dryRun({
      ...minimal,
      backend: { type: 'juicefs', bundled: true },
      models: [],
    });
    expect(response.body.error).toBeUndefined();
    expect(response.status).toBe(200);
    const paths = response.body.directoryContents.map(
      (f: { path: string }) => f.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining(['deploy/redis.yaml', 'deploy/minio.yaml']),
    );
    expect(paths).not.toContain('deploy/dataload.yaml');
  });

  it('passes only the fields of the chosen backend, whatever the form kept', async () => {
    // The user filled JuiceFS fields, then switched to Alluxio over S3.
    const response = await dryRun({
      ...formValues,
      backend: {
        type: 'alluxio-s3',
        bundled: false,
        metaurlSecret: { name: 'jfs', key: 'metaurl' },
        server: 'nfs.example.internal',
        bucket: 'model-weights',
        endpoint: 'https://s3.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        credentialsSecret: {
          name: 's3',
          accessKeyKey: 'aws.accessKeyId',
          secretKeyKey: 'aws.secretKey',
        },
      },
    });
    expect(response.body.error).toBeUndefined();
    const dataset = response.body.directoryContents.find(
      (f: { path: string }) => f.path === 'deploy/dataset.yaml',
    );
    expect(parse(decode(dataset)).spec.mounts[0].mountPoint).toBe(
      's3://model-weights',
    );
  });

  it('fails the step with the field-naming error on input the form cannot catch', async () => {
    const response = await dryRun({
      ...formValues,
      backend: { type: 'juicefs', bundled: true },
      cache: {
        tiers: [
          { medium: 'MEM', path: '/dev/shm', quota: '2Gi' },
          { medium: 'SSD', path: '/cache', quota: '10Gi' },
        ],
      },
    });
    const log = JSON.stringify(response.body);
    expect(log).toContain(
      'cache.tiers: has 2 tiers, but JuiceFS uses only tieredstore.levels[0]',
    );
    expect(
      (response.body.directoryContents ?? []).map(
        (f: { path: string }) => f.path,
      ),
    ).not.toContain('deploy/dataset.yaml');
  });

  it('rejects form values that break the parameter schema', async () => {
    const response = await dryRun({ ...formValues, name: 'Llama_Cache' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('name');
  });
});
