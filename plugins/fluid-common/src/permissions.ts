import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading the cache health of datasets. It is a catalog-entity permission:
 * where a request names an entity, policies can decide per entity (for example
 * "owners only"); the fleet routes ask without a resource.
 *
 * @public
 */
export const fluidDatasetReadPermission = createPermission({
  name: 'fluid.dataset.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Every permission of the Fluid plugins, for `permissionsRegistry`.
 *
 * @public
 */
export const fluidPermissions = [fluidDatasetReadPermission];
