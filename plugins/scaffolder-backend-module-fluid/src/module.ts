import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createFluidModelCacheGenerateAction } from './actions/generate';

/**
 * Adds `fluid:model-cache:generate` to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleFluid = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fluid',
  register({ registerInit }) {
    registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(createFluidModelCacheGenerateAction());
      },
    });
  },
});
