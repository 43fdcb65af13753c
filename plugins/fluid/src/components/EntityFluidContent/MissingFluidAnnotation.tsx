import { CodeSnippet, EmptyState } from '@backstage/core-components';
import type { Entity } from '@backstage/catalog-model';
import {
  FLUID_DATASET_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
} from '@internal/plugin-fluid-common';
import Typography from '@material-ui/core/Typography';

/** A dataset name Fluid accepts (a DNS-1035 label) made from the entity's. */
function datasetName(entityName: string): string {
  const name = entityName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 63);
  return name || 'model-cache';
}

/** The annotations to paste into the entity's catalog-info.yaml. */
export function annotationExample(entity: Entity): string {
  const namespace =
    entity.metadata.annotations?.[KUBERNETES_NAMESPACE_ANNOTATION] ?? 'default';
  const name = datasetName(entity.metadata.name);
  return [
    'metadata:',
    '  annotations:',
    `    # The Fluid dataset(s) caching this service's models:`,
    `    # [<cluster>:]<namespace>/<name>, comma-separated for several.`,
    `    ${FLUID_DATASET_ANNOTATION}: ${namespace}/${name}`,
    `    # Or: every dataset labelled ${KUBERNETES_ID_ANNOTATION}=${name}.`,
    `    # ${KUBERNETES_ID_ANNOTATION}: ${name}`,
  ].join('\n');
}

/**
 * Shown when the entity has neither annotation: which one to add, with an
 * example to copy.
 */
export function MissingFluidAnnotation(props: { entity: Entity }) {
  return (
    <EmptyState
      missing="field"
      title="No Fluid dataset is linked to this entity"
      description={
        <>
          Add the <code>{FLUID_DATASET_ANNOTATION}</code> annotation (or{' '}
          <code>{KUBERNETES_ID_ANNOTATION}</code>) to the entity's{' '}
          <code>catalog-info.yaml</code> to see the health of its model cache
          here.
        </>
      }
      action={
        <>
          <Typography variant="body1">
            For example (the copy button is at the top right):
          </Typography>
          <CodeSnippet
            text={annotationExample(props.entity)}
            language="yaml"
            showCopyCodeButton
          />
        </>
      }
    />
  );
}
