// The TechDocs pages: overview, deploy, check and troubleshoot, written for
// the chosen backend (the old guide's monitoring and troubleshooting
// sections, with commands that work).
import { ModelCacheValues } from '../validate';
import { isAlluxio, modelDirectory, objectNames, fluidRoot } from './common';
import { backendFacts, imageNote } from './describe';
import { cacheDirectory, hasPrefetchJob } from './modelexpress';
import { requiredSecrets } from './secrets';

const sh = (...lines: string[]) => ['```sh', ...lines, '```'].join('\n');

/** `kubectl create secret` commands for every Secret the repo references. */
export function secretCommands(values: ModelCacheValues): string {
  const secrets = requiredSecrets(values);
  if (secrets.length === 0) return 'This repository needs no Secrets.';
  return [
    'Create these Secrets first (or copy `secrets.example.yaml`, fill it in and apply it; never commit the values):',
    '',
    ...secrets.map(
      secret =>
        `- \`${secret.name}\`, read by ${secret.usedBy}: ${secret.keys
          .map(k => `\`${k.key}\` (${k.description})`)
          .join(', ')}`,
    ),
    '',
    sh(
      ...secrets.map(
        secret =>
          `kubectl -n ${values.namespace} create secret generic ${
            secret.name
          } ${secret.keys
            .map(k => `--from-literal=${k.key}='${k.value ?? `<${k.key}>`}'`)
            .join(' ')}`,
      ),
    ),
  ].join('\n');
}

function indexPage(values: ModelCacheValues): string {
  const facts = backendFacts(values);
  const names = objectNames(values);
  const models = values.models.length
    ? values.models
        .map(m => `- \`${m}\` → \`${fluidRoot(values)}/${modelDirectory(m)}\``)
        .join('\n')
    : 'None. Add Hugging Face ids to `models` and regenerate, or download through ModelExpress.';
  return `# ${values.name} model cache

${
  values.description ??
  'A Fluid-cached model store served by NVIDIA ModelExpress.'
}

## Storage: ${facts.title}

${facts.summary}

## What runs

| Object | Kind | Job |
| --- | --- | --- |
| \`${values.name}\` | Dataset | The data source and who mounts it (${
    isAlluxio(values) ? 'read-only' : 'read-write'
  }) |
| \`${values.name}\` | ${facts.runtimeKind} | ${
    values.cache.replicas
  } cache worker(s); tiers ${values.cache.tiers
    .map(t => `${t.medium} ${t.quota} at \`${t.path}\``)
    .join(', ')} |
| \`${
    values.name
  }\` | PersistentVolumeClaim (made by Fluid) | The cached volume that pods mount |
| \`${
    names.modelExpress
  }\` | Deployment, Service | ModelExpress on gRPC port 8001, cache in \`${cacheDirectory(
    values,
  )}\`, registry in ${
    values.modelExpress.metadataBackend === 'redis'
      ? 'Redis'
      : 'ModelCacheEntry objects'
  } |
${
  values.models.length
    ? `| \`${names.warmup}\` | DataLoad | Warms the models into the cache on schedule \`${values.warmupSchedule}\` |\n`
    : ''
}
Image: ${imageNote(values)}.

## Models

${models}

Pages: [Deploy](deploy.md) · [Check](check.md) · [Troubleshoot](troubleshoot.md)
`;
}

function deployPage(values: ModelCacheValues): string {
  const facts = backendFacts(values);
  const ns = values.namespace;
  const kubernetesRegistry =
    values.modelExpress.metadataBackend === 'kubernetes';
  return `# Deploy

## Prerequisites

1. Fluid, installed with Helm (its components land in \`fluid-system\`):

${sh(
  'kubectl create namespace fluid-system',
  'helm repo add fluid https://fluid-cloudnative.github.io/charts',
  'helm repo update',
  'helm install fluid fluid/fluid',
  'kubectl get pods -n fluid-system',
)}

2. The namespace: \`kubectl create namespace ${ns}\`.
${
  kubernetesRegistry
    ? `3. ModelExpress's CRDs (cluster-wide, once, by a cluster admin), from the release the image comes from:

${sh(
  'kubectl apply -f https://raw.githubusercontent.com/ai-dynamo/modelexpress/v0.5.1/examples/crds.yaml',
  'kubectl get crd modelcacheentries.modelexpress.nvidia.com',
)}
`
    : '3. The Redis that holds the ModelExpress registry (`REDIS_URL`), reachable from the namespace.\n'
}
For this backend:

${facts.prepare.map(step => `- ${step}`).join('\n')}

## Secrets

${secretCommands(values)}

## Apply

${sh(
  `kubectl apply -k deploy`,
  `kubectl get dataset,${facts.runtimeResource} -n ${ns}`,
)}

Fluid binds the ${
    facts.runtimeKind
  } to the Dataset of the same name, starts the cache workers and creates the PersistentVolumeClaim \`${
    values.name
  }\`. The ModelExpress pod starts once that claim exists.

## Preloading models

${
  values.models.length
    ? facts.prefetch
    : `No models are listed. ${facts.prefetch}`
}

To preload other models later, change \`models\`, regenerate, delete the finished Job (a Job's pod template cannot change) and apply again:

${sh(
  `kubectl -n ${ns} delete job ${
    objectNames(values).prefetch
  } --ignore-not-found`,
  'kubectl apply -k deploy',
)}
`;
}

function warmupChecks(values: ModelCacheValues): string {
  if (values.models.length === 0) return 'No models are preloaded.';
  const ns = values.namespace;
  const names = objectNames(values);
  const commands = [
    `kubectl get dataload ${names.warmup} -n ${ns}`,
    `kubectl describe dataload ${names.warmup} -n ${ns}`,
  ];
  if (hasPrefetchJob(values)) {
    commands.push(`kubectl get job ${names.prefetch} -n ${ns}`);
  }
  return `${sh(...commands)}

The DataLoad's phase goes \`Pending\` → \`Executing\` → \`Complete\` (or \`Failed\`) on every scheduled run; \`lastSuccessfulTime\` is the last good one.`;
}

function checkPage(values: ModelCacheValues): string {
  const facts = backendFacts(values);
  const ns = values.namespace;
  const names = objectNames(values);
  const registry =
    values.modelExpress.metadataBackend === 'kubernetes'
      ? sh(`kubectl get mxcache -n ${ns}`, `kubectl describe mxcache -n ${ns}`)
      : `The registry lives in Redis, one hash per model: \`redis-cli -u "$REDIS_URL" --scan --pattern 'mx:model:*'\` then \`HGETALL\` on a key (fields \`status\`, \`last_used_at\`, \`message\`).`;
  return `# Check

## Cache status

${sh(
  `kubectl get dataset,${facts.runtimeResource} -n ${ns}`,
  `kubectl get dataset ${values.name} -n ${ns} -o wide`,
)}

Healthy: the Dataset's \`PHASE\` is \`Bound\` and the runtime's worker phase is \`Ready\`${
    isAlluxio(values) ? ' (and its master phase)' : ' (JuiceFS has no master)'
  }. \`CACHED\`, \`CACHE CAPACITY\` and \`CACHED PERCENTAGE\` show how much of the data is cached; \`-o wide\` adds the cache hit ratio. Fuse counts of 0 are normal: FUSE pods start only on nodes where a pod mounts the volume.

${sh(
  `kubectl get dataset ${values.name} -n ${ns} -o jsonpath='{.status.cacheStates}'`,
)}

## Warm-up

${warmupChecks(values)}

## ModelExpress

${sh(
  `kubectl get deploy,svc,pods -n ${ns} -l app.kubernetes.io/name=modelexpress,app.kubernetes.io/instance=${values.name}`,
  `kubectl exec -n ${ns} deploy/${names.modelExpress} -- /app/modelexpress-cli health`,
  `kubectl exec -n ${ns} deploy/${names.modelExpress} -- ls ${cacheDirectory(
    values,
  )}`,
  `kubectl top pods -n ${ns} -l app.kubernetes.io/instance=${values.name}`,
)}

Which models ModelExpress has:

${registry}
`;
}

function troubleshootPage(values: ModelCacheValues): string {
  const facts = backendFacts(values);
  const ns = values.namespace;
  const names = objectNames(values);
  const backendIssues: string[] = [];
  const backend = values.backend;
  if (backend.type === 'juicefs') {
    backendIssues.push(
      `**Workers fail with "MountPoint error, can not parse jfs path"**: the mount point must be \`juicefs:///<subdir>\`; this repository uses \`juicefs:///${backend.subPath.replace(
        /^\/+/,
        '',
      )}\`.`,
      `**Workers crash at \`juicefs format\`**: the metadata engine URL (\`metaurl\`) or the object store keys are wrong or unreachable. Read the worker log: \`kubectl logs -n ${ns} ${values.name}-worker-0\`.`,
      '**The volume is read-only in pods**: the Dataset must be `ReadWriteMany` (it is) — a `ReadOnlyMany` Dataset mounts JuiceFS with `ro`.',
    );
  } else {
    backendIssues.push(
      `**Master or workers NotReady**: \`kubectl logs -n ${ns} ${values.name}-master-0 -c alluxio-master\` and \`kubectl logs -n ${ns} ${values.name}-worker-0 -c alluxio-worker\`.`,
      `**New models do not show up**: Alluxio checks the under storage every two minutes; \`kubectl exec -n ${ns} ${
        values.name
      }-master-0 -c alluxio-master -- alluxio fs ls -R -f /${fluidRoot(
        values,
      ).slice(1)}\` forces a sync.`,
    );
    if (backend.type === 'alluxio-nfs') {
      backendIssues.push(
        `**Pods stuck in ContainerCreating with an NFS mount error**: check the export and the node's NFS client; \`kubectl describe pvc ${names.nfsClaim} -n ${ns}\` and \`kubectl describe pv ${names.nfsVolume}\`.`,
      );
    } else if (backend.type === 'alluxio-hostpath') {
      backendIssues.push(
        "**Master or workers Pending**: no node carries the Dataset's node labels, or the directory is missing there: `kubectl get nodes --show-labels`.",
      );
    } else {
      backendIssues.push(
        '**The Dataset shows no files or the master logs AccessDenied**: check the S3 keys Secret, the endpoint and region, and path-style access for non-AWS stores.',
      );
    }
  }
  return `# Troubleshoot

## Dataset not Bound

${sh(
  `kubectl describe dataset ${values.name} -n ${ns}`,
  `kubectl describe ${facts.runtimeResource} ${values.name} -n ${ns}`,
  `kubectl logs -n fluid-system deploy/dataset-controller`,
  `kubectl logs -n fluid-system deploy/${facts.controller}`,
)}

- The runtime binds only to the Dataset with **its own name in the same namespace** (here \`${
    values.name
  }\`).
- Runtime pods: ${facts.pods}. \`kubectl get pods -n ${ns} -l release=${
    values.name
  } -o wide\` lists them; \`kubectl describe pod\` shows scheduling and mount errors.
- Fluid's diagnose script collects all of this: \`tools/diagnose-fluid-${
    isAlluxio(values) ? 'alluxio' : 'juicefs'
  }.sh\` in the Fluid repository.

## Storage backend

${backendIssues.map(line => `- ${line}`).join('\n')}

## ModelExpress pod not ready

${sh(
  `kubectl describe pod -n ${ns} -l app.kubernetes.io/name=modelexpress,app.kubernetes.io/instance=${values.name}`,
  `kubectl logs -n ${ns} deploy/${names.modelExpress}`,
)}

- **Pending with "persistentvolumeclaim \\"${
    values.name
  }\\" not found"**: the Dataset is not Bound yet (see above).
- **Exits at start**: \`MX_METADATA_BACKEND\` is required and set here to \`${
    values.modelExpress.metadataBackend
  }\`; ${
    values.modelExpress.metadataBackend === 'kubernetes'
      ? `with \`kubernetes\` the ModelExpress CRDs must be installed and the Role \`${names.modelExpress}\` bound (\`kubectl auth can-i list modelcacheentries.modelexpress.nvidia.com -n ${ns} --as system:serviceaccount:${ns}:${names.modelExpress}\`).`
      : 'with `redis` the Redis in `REDIS_URL` must answer.'
  }
- **Not ready but running**: the gRPC port opens only after the registry backend connected. Probes use TCP and gRPC health on port 8001; the server has no HTTP \`/health\`.

## Warm-up fails

${
  values.models.length
    ? `- **DataLoad \`Failed\` with "some paths not exist"**: the model is not in the volume yet; the prefetch ${
        isAlluxio(values) && backend.type === 'alluxio-s3'
          ? 'upload'
          : `Job \`${names.prefetch}\``
      } must finish first. The next scheduled run retries.
- Loader logs: Fluid runs the DataLoad as the CronJob \`${
        names.warmup
      }-loader-job\`; \`kubectl get jobs -n ${ns} | grep ${
        names.warmup
      }\` lists its runs, then \`kubectl logs -n ${ns} job/<run>\`.
- Prefetch logs: ${
        isAlluxio(values) && backend.type === 'alluxio-s3'
          ? 'not applicable (no prefetch Job for S3).'
          : `\`kubectl logs -n ${ns} job/${names.prefetch}\`; gated models need \`hfTokenSecret\`.`
      }`
    : 'No models are preloaded.'
}

## Cache full or slow

- \`kubectl get dataset ${
    values.name
  } -n ${ns}\`: \`CACHED\` near \`CACHE CAPACITY\` means the tiers are full; raise the quotas or \`cache.replicas\`.
${
  isAlluxio(values)
    ? '- Alluxio evicts a tier from `high` down to `low` usage.'
    : '- JuiceFS evicts to keep `low` (its free-space-ratio) of the cache disk free; `high` does not apply.'
}
`;
}

/** The `docs/` pages of the generated repository. */
export function docsPages(values: ModelCacheValues) {
  return {
    'docs/index.md': indexPage(values),
    'docs/deploy.md': deployPage(values),
    'docs/check.md': checkPage(values),
    'docs/troubleshoot.md': troubleshootPage(values),
  };
}
