// A @kubernetes/client-node informer on Datasets, run as its own process
// (client-node is ESM-only). It prints one JSON line per event so that a test
// can follow it: list calls, adds, updates, deletes, errors and reconnects.
// After an error it restarts the informer, as client-node's docs advise.
import * as k8s from '@kubernetes/client-node';

const [kubeconfig, namespace] = process.argv.slice(2);
const kc = new k8s.KubeConfig();
kc.loadFromFile(kubeconfig);
const api = kc.makeApiClient(k8s.CustomObjectsApi);
const say = event => process.stdout.write(`${JSON.stringify(event)}\n`);

const path = `/apis/data.fluid.io/v1alpha1/namespaces/${namespace}/datasets`;
const list = async () => {
  const result = await api.listNamespacedCustomObject({
    group: 'data.fluid.io',
    version: 'v1alpha1',
    namespace,
    plural: 'datasets',
  });
  say({
    event: 'list',
    resourceVersion: result.metadata.resourceVersion,
    count: result.items.length,
  });
  return result;
};
const informer = k8s.makeInformer(kc, path, list);
for (const kind of ['add', 'update', 'delete']) {
  informer.on(kind, object =>
    say({
      event: kind,
      name: object.metadata.name,
      resourceVersion: object.metadata.resourceVersion,
    }),
  );
}
informer.on('connect', () => say({ event: 'connect' }));
informer.on('error', error => {
  say({ event: 'error', message: String(error?.message ?? error) });
  setTimeout(() => informer.start().catch(() => {}), 200);
});
await informer.start();
say({ event: 'started' });
process.on('SIGTERM', async () => {
  await informer.stop();
  process.exit(0);
});
