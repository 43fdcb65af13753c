import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  renderModelCacheRepository,
  MANIFESTS_PATH,
} from '@internal/plugin-fluid-generator';
import { startSimulator, Simulator } from './simulator';
import { eventually, kubectlFor } from './__testUtils__';

jest.setTimeout(120_000);

// A repository from the generator (plugins/fluid-generator) goes into the
// simulator the way its README says: `kubectl apply -k deploy/`. Then the
// simulated Fluid controller binds its Dataset and runtime.
const INPUTS = [
  {
    name: 'jfs-cache',
    backend: { type: 'juicefs', bundled: true },
    modelExpress: { metadataBackend: 'kubernetes' },
    models: ['meta-llama/Llama-3.1-8B-Instruct'],
  },
  {
    name: 'nfs-cache',
    backend: {
      type: 'alluxio-nfs',
      server: 'nfs.example.internal',
      path: '/exports/models',
    },
    modelExpress: {
      metadataBackend: 'redis',
      redisUrl: 'redis://redis.model-serving:6379',
    },
    models: ['Qwen/Qwen2.5-0.5B-Instruct'],
  },
  {
    name: 'host-cache',
    backend: {
      type: 'alluxio-hostpath',
      nodeSelector: { 'fluid.io/model-cache': 'true' },
    },
    modelExpress: { metadataBackend: 'kubernetes' },
  },
  {
    name: 's3-cache',
    backend: {
      type: 'alluxio-s3',
      bucket: 'model-weights',
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      credentialsSecret: {
        name: 's3',
        accessKeyKey: 'access-key',
        secretKeyKey: 'secret-key',
      },
    },
    modelExpress: { metadataBackend: 'kubernetes' },
    models: ['Qwen/Qwen2.5-0.5B-Instruct'],
  },
];

describe('a generated repository applied with real kubectl', () => {
  let simulator: Simulator;
  let kubectl: ReturnType<typeof kubectlFor>;
  let dir: string;

  beforeAll(async () => {
    simulator = await startSimulator({ controller: { speed: 20 } });
    kubectl = kubectlFor(simulator);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'generated-repo-'));
    // `kubectl create namespace` would send protobuf, which the simulator
    // does not speak (see its README); apply sends JSON.
    const created = await kubectl.run(
      ['apply', '-f', '-'],
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: model-serving\n',
    );
    if (created.code !== 0) throw new Error(created.stderr);
  });

  afterAll(async () => {
    kubectl.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
    await simulator.stop();
  });

  it.each(INPUTS.map(input => [input.backend.type, input] as const))(
    '%s: kubectl apply -k deploy/ succeeds and the Dataset binds',
    async (_, input) => {
      const repository = renderModelCacheRepository({
        ...input,
        namespace: 'model-serving',
        owner: 'group:default/ml-platform',
      } as any);
      const root = path.join(dir, input.name);
      for (const file of repository.files) {
        fs.mkdirSync(path.dirname(path.join(root, file.path)), {
          recursive: true,
        });
        fs.writeFileSync(path.join(root, file.path), file.content);
      }

      const applied = await kubectl.run([
        'apply',
        '-k',
        path.join(root, MANIFESTS_PATH),
      ]);
      expect(applied.stderr).toBe('');
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain(
        `dataset.data.fluid.io/${input.name} created`,
      );

      const phase = await eventually(
        async () => {
          const got = await kubectl.run([
            'get',
            'dataset',
            input.name,
            '-n',
            'model-serving',
            '-o',
            'jsonpath={.status.phase}',
          ]);
          return got.stdout === 'Bound' ? got.stdout : undefined;
        },
        30_000,
        `dataset ${input.name} Bound`,
      );
      expect(phase).toBe('Bound');

      // Fluid's PVC has the Dataset's name: the one the model server mounts.
      const pvc = await kubectl.run([
        'get',
        'pvc',
        input.name,
        '-n',
        'model-serving',
        '-o',
        'name',
      ]);
      expect(pvc.stdout.trim()).toBe(`persistentvolumeclaim/${input.name}`);
    },
  );
});
