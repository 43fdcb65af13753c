import type { FilterPredicate } from '@backstage/filter-predicates';
import {
  FLUID_DATASET_ANNOTATION,
  KUBERNETES_ID_ANNOTATION,
} from '@internal/plugin-fluid-common';

/**
 * Entities the tab and the card are shown for: those with `fluid.io/dataset`
 * or `backstage.io/kubernetes-id`, as `isFluidAvailable` decides. In the
 * object form, so an app can override it in app-config.
 */
export const fluidEntityFilter: FilterPredicate = {
  $any: [
    { [`metadata.annotations.${FLUID_DATASET_ANNOTATION}`]: { $exists: true } },
    { [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: { $exists: true } },
  ],
};
