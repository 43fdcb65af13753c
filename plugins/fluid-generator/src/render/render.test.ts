// Semantic checks: what Fluid and ModelExpress need beyond schema validity
// (the old guide's YAML passed the schemas and still did not work).
import { parse, parseAllDocuments } from 'yaml';
import { loadCrds } from '@internal/crds';
import { QUANTITY_WITH_UNIT_PATTERN } from '../quantity';
import { inputMatrix } from '../__testUtils__/matrix';
import { renderModelCacheRepository } from '.';

type Obj = Record<string, any>;

function objectsOf(
  files: { path: string; content: string }[],
  prefix = 'deploy/',
): Obj[] {
  return files
    .filter(
      f =>
        f.path.startsWith(prefix) &&
        f.path.endsWith('.yaml') &&
        !f.path.endsWith('kustomization.yaml'),
    )
    .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS() as Obj));
}

const find = (objects: Obj[], kind: string) =>
  objects.filter(o => o.kind === kind);
const one = (objects: Obj[], kind: string) => {
  const matches = find(objects, kind);
  expect(matches).toHaveLength(1);
  return matches[0];
};

// Every value of `key` anywhere in a tree.
function collect(tree: unknown, key: string): unknown[] {
  if (Array.isArray(tree)) return tree.flatMap(item => collect(item, key));
  if (typeof tree !== 'object' || tree === null) return [];
  return Object.entries(tree).flatMap(([k, v]) => [
    ...(k === key ? [v] : []),
    ...collect(v, key),
  ]);
}

describe.each(inputMatrix())(
  '$label',
  ({ input, backendCase, metadataBackend, withModels }) => {
    const repository = renderModelCacheRepository(input);
    const files = Object.fromEntries(
      repository.files.map(f => [f.path, f.content]),
    );
    const objects = objectsOf(repository.files);
    const dataset = one(objects, 'Dataset');
    const alluxio = backendCase.type !== 'juicefs';
    const runtime = one(objects, alluxio ? 'AlluxioRuntime' : 'JuiceFSRuntime');
    const deployment = find(objects, 'Deployment').find(
      d => d.metadata.name === `${input.name}-modelexpress`,
    )!;
    const container = deployment.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e: Obj) => [e.name, e]));

    it('binds the runtime to the Dataset: same name, same namespace, replicas ≥ 1', () => {
      expect(runtime.metadata.name).toBe(dataset.metadata.name);
      expect(runtime.metadata.namespace).toBe(dataset.metadata.namespace);
      expect(runtime.spec.replicas).toBeGreaterThanOrEqual(1);
    });

    it('uses a mount scheme that fits the runtime, never nfs:// or hostpath://', () => {
      expect(dataset.spec.mounts).toHaveLength(1);
      expect(dataset.spec.mounts[0].mountPoint).not.toMatch(/^(nfs|hostpath):/);
      expect(dataset.spec.accessModes).toEqual([
        alluxio ? 'ReadOnlyMany' : 'ReadWriteMany',
      ]);
    });

    it('writes tiers the runtime reads as intended', () => {
      const levels: Obj[] = runtime.spec.tieredstore.levels;
      for (const level of levels)
        expect(level.quota).toMatch(QUANTITY_WITH_UNIT_PATTERN);
      const watermarks = levels.filter(
        l => l.high !== undefined && l.low !== undefined,
      );
      expect(watermarks.filter(l => Number(l.low) >= Number(l.high))).toEqual(
        [],
      );
      // JuiceFS reads levels[0] only and ignores high; Alluxio uses both tiers.
      expect(levels).toEqual(
        alluxio
          ? [
              {
                mediumtype: 'MEM',
                path: '/dev/shm',
                quota: '2Gi',
                high: '0.95',
                low: '0.7',
              },
              {
                mediumtype: 'SSD',
                path: '/cache',
                quota: '10Gi',
                high: '0.95',
                low: '0.7',
              },
            ]
          : [{ mediumtype: 'SSD', path: '/cache', quota: '10Gi', low: '0.1' }],
      );
    });

    it('warms exactly the models with a DataLoad that targets the Dataset', () => {
      const loads = find(objects, 'DataLoad');
      const root = alluxio ? '/models' : '';
      const expected = withModels
        ? [
            {
              dataset: {
                name: dataset.metadata.name,
                namespace: dataset.metadata.namespace,
              },
              paths: [
                `${root}/models--meta-llama--Llama-3.1-8B-Instruct`,
                `${root}/models--Qwen--Qwen2.5-7B-Instruct`,
              ],
            },
          ]
        : [];
      expect(
        loads.map(l => ({
          dataset: l.spec.dataset,
          paths: l.spec.target.map((t: Obj) => t.path),
        })),
      ).toEqual(expected);
    });

    it('runs ModelExpress on gRPC 8001 with TCP or gRPC probes, never HTTP', () => {
      expect(container.ports).toEqual([
        { name: 'grpc', containerPort: 8001, protocol: 'TCP' },
      ]);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const handler = container[probe];
        expect(handler.httpGet).toBeUndefined();
        expect((handler.tcpSocket ?? handler.grpc).port).toBe(8001);
      }
      expect(
        collect(objects, 'httpGet').every(
          (probe: any) => probe.path === '/minio/health/live',
        ),
      ).toBe(true);
      const svc = find(objects, 'Service').find(
        s => s.metadata.name === deployment.metadata.name,
      )!;
      expect(svc.spec.ports[0]).toMatchObject({
        port: 8001,
        targetPort: 'grpc',
      });
      expect(container.image).toBe(
        'nvcr.io/nvidia/ai-dynamo/modelexpress-server:0.5.1',
      );
    });

    it('sets the environment the server reads, and none it ignores', () => {
      expect(env.MX_METADATA_BACKEND.value).toBe(metadataBackend);
      for (const ignored of [
        'SERVER_PORT',
        'LOG_LEVEL',
        'HF_HUB_CACHE',
        'MODEL_EXPRESS_DATABASE_PATH',
      ]) {
        expect(env[ignored]).toBeUndefined();
      }
      const registryEnv = [
        'POD_NAMESPACE',
        'MX_METADATA_NAMESPACE',
        'REDIS_URL',
      ].filter(name => env[name]);
      expect(registryEnv).toEqual(
        metadataBackend === 'kubernetes'
          ? ['POD_NAMESPACE', 'MX_METADATA_NAMESPACE']
          : ['REDIS_URL'],
      );
      expect(
        registryEnv.map(
          name => env[name].valueFrom?.fieldRef?.fieldPath ?? env[name].value,
        ),
      ).toEqual(
        metadataBackend === 'kubernetes'
          ? ['metadata.namespace', 'metadata.namespace']
          : ['redis://mx-registry.model-serving.svc:6379/0'],
      );
    });

    it('keeps the ModelExpress cache on the Fluid PVC named after the Dataset', () => {
      const cacheDir = env.MODEL_EXPRESS_CACHE_DIRECTORY.value as string;
      const mount = container.volumeMounts.find((m: Obj) =>
        cacheDir.startsWith(m.mountPath),
      );
      const volume = deployment.spec.template.spec.volumes.find(
        (v: Obj) => v.name === mount.name,
      );
      expect(volume.persistentVolumeClaim.claimName).toBe(
        dataset.metadata.name,
      );
      expect(
        container.volumeMounts.some((m: Obj) => m.subPath === 'models.db'),
      ).toBe(false);
      expect(Boolean(mount.readOnly)).toBe(alluxio);
    });

    it('has RBAC only for the Kubernetes registry', () => {
      const rbacKinds = objects
        .filter(o => ['ServiceAccount', 'Role', 'RoleBinding'].includes(o.kind))
        .map(o => o.kind);
      expect(rbacKinds).toEqual(
        metadataBackend === 'kubernetes'
          ? ['ServiceAccount', 'Role', 'RoleBinding']
          : [],
      );
      expect(deployment.spec.template.spec.serviceAccountName).toBe(
        metadataBackend === 'kubernetes'
          ? `${input.name}-modelexpress`
          : undefined,
      );
    });

    it('labels every object and pod template with backstage.io/kubernetes-id', () => {
      const all = [
        ...objects,
        ...objectsOf(repository.files, 'secrets.example.yaml'),
      ];
      for (const object of all) {
        expect([
          object.kind,
          object.metadata.labels['backstage.io/kubernetes-id'],
        ]).toEqual([object.kind, input.name]);
      }
      for (const template of collect(objects, 'template') as Obj[]) {
        expect(template.metadata.labels['backstage.io/kubernetes-id']).toBe(
          input.name,
        );
      }
    });

    it('never writes Secret values, and lists every referenced Secret in the example', () => {
      expect(find(objects, 'Secret')).toEqual([]);
      const kustomization = parse(files['deploy/kustomization.yaml']);
      expect(kustomization.resources).not.toContain('../secrets.example.yaml');
      const examples = objectsOf(repository.files, 'secrets.example.yaml');
      const referenced = new Set(
        (collect(objects, 'secretKeyRef') as Obj[]).map(
          ref => `${ref.name}/${ref.key}`,
        ),
      );
      const provided = examples.flatMap(s =>
        Object.entries(s.stringData as Record<string, string>).map(
          ([key, value]) => ({ ref: `${s.metadata.name}/${key}`, value }),
        ),
      );
      expect(provided.map(p => p.ref).sort()).toEqual([...referenced].sort());
      // Placeholders only; the bundled Redis URL is the one non-credential.
      const written = provided.filter(p => !/^<.+>$/.test(p.value));
      const bundled =
        backendCase.backend.type === 'juicefs' && backendCase.backend.bundled;
      expect(written).toEqual(
        bundled
          ? [
              {
                ref: 'llama-cache-juicefs/metaurl',
                value:
                  'redis://llama-cache-redis.model-serving.svc.cluster.local:6379/1',
              },
            ]
          : [],
      );
      for (const secret of examples) {
        expect(files['README.md']).toContain(
          `create secret generic ${secret.metadata.name}`,
        );
      }
    });

    it('describes the Component for the catalog', () => {
      const component = parse(files['catalog-info.yaml']);
      expect(component.metadata.annotations).toEqual({
        'fluid.io/dataset': 'model-serving/llama-cache',
        'backstage.io/kubernetes-id': 'llama-cache',
        'backstage.io/kubernetes-namespace': 'model-serving',
        'backstage.io/techdocs-ref': 'dir:.',
      });
      expect(component.spec.owner).toBe('group:default/ml-platform');
      expect(component.metadata.description).toBe(
        'Llama weights for the chat service',
      );
      expect(repository.summary).toEqual({
        datasetName: 'llama-cache',
        namespace: 'model-serving',
        entityRef: 'component:default/llama-cache',
        manifestsPath: 'deploy',
      });
    });

    it('documents how to deploy, check and troubleshoot this backend', () => {
      const resource = alluxio ? 'alluxioruntime' : 'juicefsruntime';
      expect(parse(files['mkdocs.yml']).nav).toHaveLength(4);
      expect(files['docs/check.md']).toContain(
        `kubectl get dataset,${resource} -n model-serving`,
      );
      expect(files['docs/troubleshoot.md']).toContain(
        'kubectl describe dataset llama-cache -n model-serving',
      );
      expect(files['docs/check.md']).toContain(
        metadataBackend === 'kubernetes'
          ? 'kubectl get mxcache -n model-serving'
          : "--pattern 'mx:model:*'",
      );
      expect(
        files['docs/check.md'].includes(
          'kubectl get dataload llama-cache-warmup -n model-serving',
        ),
      ).toBe(withModels);
      expect(files['docs/deploy.md']).toContain('kubectl apply -k deploy');
    });
  },
);

const render = (type: string, metadataBackend = 'kubernetes') => {
  const matrixCase = inputMatrix().find(
    c =>
      c.backendCase.label === type &&
      c.metadataBackend === metadataBackend &&
      c.withModels,
  )!;
  const repository = renderModelCacheRepository(matrixCase.input);
  const objects = objectsOf(repository.files);
  return {
    objects,
    dataset: one(objects, 'Dataset'),
    mount: one(objects, 'Dataset').spec.mounts[0],
  };
};

describe('mount schemes per backend', () => {
  it.each(['juicefs (bundled)', 'juicefs (external)'])(
    '%s: juicefs:/// with metaurl in mounts[0].encryptOptions',
    type => {
      const { mount } = render(type);
      expect(mount.mountPoint).toMatch(/^juicefs:\/\/\//);
      expect(mount.encryptOptions.map((o: Obj) => o.name)).toEqual([
        'metaurl',
        'access-key',
        'secret-key',
      ]);
      expect(Object.keys(mount.options)).toEqual(['storage', 'bucket']);
    },
  );

  it('alluxio-nfs: pvc:// on a claim bound to an NFS PersistentVolume', () => {
    const { objects, mount } = render('alluxio-nfs');
    const claim = one(objects, 'PersistentVolumeClaim');
    const volume = one(objects, 'PersistentVolume');
    expect(mount.mountPoint).toBe(`pvc://${claim.metadata.name}`);
    expect(volume.spec.nfs).toEqual({
      server: 'nfs.example.internal',
      path: '/exports/models',
    });
    expect(claim.spec.volumeName).toBe(volume.metadata.name);
    expect(volume.spec.claimRef).toEqual({
      namespace: 'model-serving',
      name: claim.metadata.name,
    });
  });

  it('alluxio-hostpath: local:/// with the Dataset pinned to the labelled nodes', () => {
    const { dataset, mount } = render('alluxio-hostpath');
    expect(mount.mountPoint).toBe('local:///var/lib/model-cache');
    expect(
      dataset.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions,
    ).toEqual([
      { key: 'fluid.io/model-cache', operator: 'In', values: ['true'] },
    ]);
  });

  it('alluxio-s3: s3:// with the Alluxio S3 options and AWS keys', () => {
    const { mount } = render('alluxio-s3');
    expect(mount.mountPoint).toBe('s3://model-weights/hub');
    expect(mount.options).toEqual({
      'alluxio.underfs.s3.endpoint': 'https://s3.eu-west-1.amazonaws.com',
      'alluxio.underfs.s3.endpoint.region': 'eu-west-1',
    });
    expect(mount.encryptOptions.map((o: Obj) => o.name)).toEqual([
      'aws.accessKeyId',
      'aws.secretKey',
    ]);
  });
});

describe('RBAC for the Kubernetes registry', () => {
  it('binds a Role on the ModelExpress CRDs to the server', () => {
    const { objects } = render('alluxio-nfs');
    const [role, binding, account] = [
      'Role',
      'RoleBinding',
      'ServiceAccount',
    ].map(kind => one(objects, kind));
    expect(binding.roleRef.name).toBe(role.metadata.name);
    expect(binding.subjects).toEqual([
      {
        kind: 'ServiceAccount',
        name: account.metadata.name,
        namespace: 'model-serving',
      },
    ]);
    // The group and plurals must be the ModelExpress CRDs' own.
    const rule = role.rules.find((r: Obj) =>
      r.apiGroups.includes('modelexpress.nvidia.com'),
    );
    for (const crd of loadCrds('modelexpress')) {
      expect(rule.apiGroups).toEqual([crd.spec.group]);
      expect(rule.resources).toEqual(
        expect.arrayContaining([
          crd.spec.names.plural,
          `${crd.spec.names.plural}/status`,
        ]),
      );
    }
  });
});

describe('renderModelCacheRepository', () => {
  const input = inputMatrix()[0].input;

  it('is byte-identical for the same input, whatever the key order', () => {
    const reversed = JSON.parse(JSON.stringify(input), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    );
    expect(renderModelCacheRepository(reversed).files).toEqual(
      renderModelCacheRepository(input).files,
    );
  });

  it('lists files sorted by path, with the kustomization naming every manifest', () => {
    const { files } = renderModelCacheRepository(input);
    const paths = files.map(f => f.path);
    expect(paths).toEqual([...paths].sort());
    const kustomization = parse(
      files.find(f => f.path === 'deploy/kustomization.yaml')!.content,
    );
    expect(
      kustomization.resources.map((r: string) => `deploy/${r}`).sort(),
    ).toEqual(
      paths
        .filter(
          p => p.startsWith('deploy/') && !p.endsWith('kustomization.yaml'),
        )
        .sort(),
    );
  });

  it('the ModelExpress CRDs have the short name the docs use', () => {
    const names = loadCrds('modelexpress').map(crd => crd.spec.names);
    expect(
      names.find(n => n.plural === 'modelcacheentries')?.shortNames,
    ).toContain('mxcache');
  });

  it('says when the Hugging Face token has no reader', () => {
    const s3 = inputMatrix().find(
      c => c.backendCase.type === 'alluxio-s3' && c.metadataBackend === 'redis',
    )!;
    expect(renderModelCacheRepository(s3.input).warnings).toEqual([
      expect.stringContaining('modelExpress.hfTokenSecret is not used'),
    ]);
  });

  it('skips catalog-info.yaml without an owner, and says so', () => {
    const { owner: _owner, ...withoutOwner } = input;
    const repository = renderModelCacheRepository(withoutOwner);
    expect(repository.files.map(f => f.path)).not.toContain(
      'catalog-info.yaml',
    );
    expect(repository.warnings).toEqual([
      expect.stringContaining('no owner given'),
    ]);
  });

  it('writes no prefetch Job for alluxio-s3 and explains the upload instead', () => {
    const s3 = inputMatrix().find(
      c => c.backendCase.type === 'alluxio-s3' && c.withModels,
    )!;
    const { files } = renderModelCacheRepository(s3.input);
    expect(files.map(f => f.path)).not.toContain('deploy/prefetch-job.yaml');
    expect(files.find(f => f.path === 'docs/deploy.md')!.content).toContain(
      'aws s3 sync',
    );
  });
});
