// The repository-level files: catalog entity, TechDocs config and README.
import { ModelCacheValues } from '../validate';
import { isAlluxio, toYaml } from './common';
import { backendFacts } from './describe';
import { secretCommands } from './docs';

/** The catalog entity reference of the generated Component. */
export function entityRef(values: ModelCacheValues): string {
  return `component:default/${values.name}`;
}

/** `catalog-info.yaml`: the Component, linked to the cluster objects. */
export function catalogInfo(values: ModelCacheValues): string {
  const component = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: values.name,
      title: `${values.name} model cache`,
      description:
        values.description ??
        `Fluid ${backendFacts(values).title} cache with a ModelExpress server`,
      annotations: {
        // Read by the Fluid plugin to find the Dataset.
        'fluid.io/dataset': `${values.namespace}/${values.name}`,
        // Read by the Kubernetes plugin: label selector and namespace.
        'backstage.io/kubernetes-id': values.name,
        'backstage.io/kubernetes-namespace': values.namespace,
        'backstage.io/techdocs-ref': 'dir:.',
      },
      tags: [
        'fluid',
        'modelexpress',
        isAlluxio(values) ? 'alluxio' : 'juicefs',
      ],
    },
    spec: { type: 'service', lifecycle: 'production', owner: values.owner },
  };
  return toYaml([component]);
}

/** `mkdocs.yml` for TechDocs. */
export function mkdocs(values: ModelCacheValues): string {
  return toYaml([
    {
      site_name: `${values.name} model cache`,
      nav: [
        { Overview: 'index.md' },
        { Deploy: 'deploy.md' },
        { Check: 'check.md' },
        { Troubleshoot: 'troubleshoot.md' },
      ],
      plugins: ['techdocs-core'],
    },
  ]);
}

/** `README.md`: what is here and the shortest path to a running cache. */
export function readme(
  values: ModelCacheValues,
  manifests: string[],
  warnings: string[],
): string {
  const facts = backendFacts(values);
  const notes = warnings.length
    ? `\n## Notes from the generator\n\n${warnings
        .map(w => `- ${w}`)
        .join('\n')}\n`
    : '';
  return `# ${values.name}

${
  values.description ??
  'A Fluid-cached model store served by NVIDIA ModelExpress.'
}

Storage: **${facts.title}**. ${facts.summary}

## Layout

| Path | What |
| --- | --- |
| \`deploy/\` | The Kustomize base: ${manifests
    .map(file => `\`${file}\``)
    .join(', ')} |
| \`secrets.example.yaml\` | The Secrets to create, with placeholders (not part of the base; never commit values) |
| \`catalog-info.yaml\` | The Backstage Component (\`fluid.io/dataset: ${
    values.namespace
  }/${values.name}\`) |
| \`mkdocs.yml\`, \`docs/\` | TechDocs: deploy, check, troubleshoot |

## Deploy

Needs Fluid in the cluster (\`helm install fluid fluid/fluid\`)${
    values.modelExpress.metadataBackend === 'kubernetes'
      ? " and ModelExpress's CRDs"
      : ''
  }; see [docs/deploy.md](docs/deploy.md).

${secretCommands(values)}

\`\`\`sh
kubectl apply -k deploy
kubectl get dataset,${facts.runtimeResource} -n ${values.namespace}
\`\`\`

Then [check](docs/check.md) the cache, or [troubleshoot](docs/troubleshoot.md) it.
${notes}`;
}

/** `deploy/kustomization.yaml`. */
export function kustomization(
  values: ModelCacheValues,
  manifests: string[],
): string {
  return toYaml(
    [
      {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        namespace: values.namespace,
        resources: manifests,
      },
    ],
    'Secrets are not listed here: create them from ../secrets.example.yaml.',
  );
}
