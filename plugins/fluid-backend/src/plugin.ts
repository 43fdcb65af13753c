import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { fluidPermissions } from '@internal/plugin-fluid-common';
import { createKubernetesClient } from './clusters/KubernetesClient';
import { readClusters } from './clusters/readClusters';
import { HistoryStore } from './history/HistoryStore';
import { scheduleHistory } from './history/scheduleHistory';
import { createRouter } from './service/router';
import { readSettings } from './settings';
import { FluidStore } from './watch/FluidStore';

/**
 * The Fluid backend plugin: watches Fluid in every configured cluster and
 * serves cache health at /api/fluid.
 *
 * @public
 */
export const fluidPlugin = createBackendPlugin({
  pluginId: 'fluid',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readSettings(deps.config);
        const clusters = readClusters(deps.config, deps.logger);
        deps.logger.info(
          `Fluid: watching ${clusters.length} cluster(s): ${
            clusters.map(c => c.name).join(', ') || 'none'
          }`,
        );
        const store = new FluidStore({
          clusters,
          createClient: createKubernetesClient,
          settings: settings.watch,
          thresholds: settings.thresholds,
          logger: deps.logger,
        });
        store.start();
        deps.lifecycle.addShutdownHook(() => store.stop());

        const history = await HistoryStore.create(deps.database);
        await scheduleHistory({
          scheduler: deps.scheduler,
          store,
          history,
          settings: settings.history,
          logger: deps.logger,
        });

        deps.permissionsRegistry.addPermissions(fluidPermissions);
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            store,
            history,
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
