// Every generated object, for every input of the matrix, against real
// schemas: Fluid's CRDs (v1.0.8 and master), Kubernetes' own API (via
// kubernetes-models) and, for the whole base, real `kubectl kustomize`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runKubectl } from '@internal/kubectl';
import { renderModelCacheRepository } from './render';
import { inputMatrix } from './__testUtils__/matrix';
import {
  CrdValidator,
  kubernetesModelErrors,
} from './__testUtils__/kubernetes';

type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
};

function manifestsOf(files: { path: string; content: string }[]): KubeObject[] {
  return files
    .filter(
      f =>
        f.path.startsWith('deploy/') && f.path !== 'deploy/kustomization.yaml',
    )
    .flatMap(f =>
      parseAllDocuments(f.content).map(doc => doc.toJS() as KubeObject),
    );
}

const FLUID_SETS = ['fluid-v1.0.8', 'fluid-master'] as const;
const validators = Object.fromEntries(
  FLUID_SETS.map(set => [set, new CrdValidator([set])]),
);

describe.each(inputMatrix())('$label', ({ input }) => {
  const repository = renderModelCacheRepository(input);
  const objects = manifestsOf(repository.files);
  const fluidObjects = objects.filter(o =>
    o.apiVersion.startsWith('data.fluid.io/'),
  );
  const coreObjects = objects.filter(
    o => !o.apiVersion.startsWith('data.fluid.io/'),
  );

  it.each(FLUID_SETS)('Fluid objects validate against the %s CRDs', set => {
    expect(fluidObjects.length).toBeGreaterThanOrEqual(2);
    for (const object of fluidObjects) {
      expect({
        object: `${object.kind}/${object.metadata.name}`,
        errors: validators[set].errors(object),
      }).toEqual({
        object: `${object.kind}/${object.metadata.name}`,
        errors: [],
      });
    }
  });

  it('Kubernetes objects validate against the Kubernetes API schema', () => {
    expect(coreObjects.length).toBeGreaterThanOrEqual(2);
    for (const object of coreObjects) {
      expect({
        object: `${object.kind}/${object.metadata.name}`,
        errors: kubernetesModelErrors(object),
      }).toEqual({
        object: `${object.kind}/${object.metadata.name}`,
        errors: [],
      });
    }
  });

  it('the example Secrets validate too', () => {
    const secrets = repository.files.find(
      f => f.path === 'secrets.example.yaml',
    )!;
    const examples = parseAllDocuments(secrets.content).map(
      doc => doc.toJS() as KubeObject,
    );
    expect(examples.flatMap(object => kubernetesModelErrors(object))).toEqual(
      [],
    );
  });

  it('kubectl kustomize builds the base with every object in the namespace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fluid-generator-'));
    try {
      for (const file of repository.files) {
        fs.mkdirSync(path.dirname(path.join(dir, file.path)), {
          recursive: true,
        });
        fs.writeFileSync(path.join(dir, file.path), file.content);
      }
      const result = await runKubectl(['kustomize', path.join(dir, 'deploy')]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const built = parseAllDocuments(result.stdout).map(
        doc => doc.toJS() as KubeObject,
      );
      const key = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
      expect(built.map(key).sort()).toEqual(objects.map(key).sort());
      // PersistentVolumes are cluster-scoped: kustomize leaves them alone.
      expect(built.map(o => [key(o), o.metadata.namespace])).toEqual(
        built.map(o => [
          key(o),
          o.kind === 'PersistentVolume' ? undefined : input.namespace,
        ]),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the validators', () => {
  // They must be able to fail, or the tests above prove nothing.
  const dataset = {
    apiVersion: 'data.fluid.io/v1alpha1',
    kind: 'Dataset',
    metadata: { name: 'x' },
    spec: { mounts: [{ mountPoint: 'juicefs:///', name: 'm' }] },
  };

  it('accept a valid Dataset in both Fluid sets', () => {
    for (const set of FLUID_SETS)
      expect(validators[set].errors(dataset)).toEqual([]);
  });

  it('reject unknown fields, wrong types and bad quantities as the API server would', () => {
    const validator = validators['fluid-master'] as CrdValidator;
    const errors = (object: object) => validator.errors(object as KubeObject);
    expect(
      errors({ ...dataset, spec: { ...dataset.spec, tieredStore: {} } }),
    ).toEqual(['/spec: must NOT have additional properties (tieredStore)']);
    expect(
      errors({ ...dataset, spec: { mounts: [{ mountPoint: 'x' }] } }).join(),
    ).toMatch(/mountPoint: must NOT have fewer than 5 characters/);
    const runtime = {
      apiVersion: 'data.fluid.io/v1alpha1',
      kind: 'JuiceFSRuntime',
      metadata: { name: 'x' },
      spec: {
        replicas: 1,
        tieredstore: {
          levels: [{ mediumtype: 'SSD', path: '/c', quota: '2GB' }],
        },
      },
    };
    expect(errors(runtime).join()).toMatch(/quota: must match pattern/);
    expect(errors({ ...runtime, spec: { replicas: 'one' } }).join()).toMatch(
      /replicas: must be integer/,
    );
  });

  it('reject invalid Kubernetes objects', () => {
    expect(
      kubernetesModelErrors({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'x' },
        spec: { ports: [{ port: '8001' }] },
      } as KubeObject),
    ).toEqual([expect.stringMatching(/port must be integer/)]);
  });
});
