import { spawn } from 'node:child_process';
import { crdDirectory, exampleObjectsDirectory } from '@internal/crds';
import { kubectlPath } from '@internal/kubectl';
import { parse } from 'yaml';
import { startSimulator, Simulator } from './simulator';
import { eventually, kubectlFor } from './__testUtils__';

jest.setTimeout(60_000);

const INVALID_RUNTIME = `apiVersion: data.fluid.io/v1alpha1
kind: AlluxioRuntime
metadata:
  name: broken
spec:
  replicas: 1
  tieredstore:
    levels:
      - mediumtype: MEM
        path: /dev/shm
        quota: 2GB
`;

describe('real kubectl v1.35 against the simulator', () => {
  let simulator: Simulator;
  let kubectl: ReturnType<typeof kubectlFor>;

  beforeAll(async () => {
    // No CRDs at start and no controller: kubectl creates the CRDs, and the
    // test owns every status.
    simulator = await startSimulator({ crds: [], controller: false });
    kubectl = kubectlFor(simulator);
  });

  const getYaml = async (kind: string, name: string) =>
    parse((await kubectl.run(['get', kind, name, '-o', 'yaml'])).stdout);

  afterAll(async () => {
    kubectl.cleanup();
    await simulator.stop();
  });

  it('reports the server version and answers discovery', async () => {
    const version = await kubectl.run(['version', '-o', 'json']);
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout).serverVersion).toMatchObject({
      major: '1',
      minor: '35',
    });
    const resources = await kubectl.run(['api-resources', '--api-group=apps']);
    expect(resources.stdout).toMatch(
      /deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/,
    );
  });

  it('applies the Fluid and ModelExpress CRDs at run time', async () => {
    for (const set of ['fluid-v1.0.8', 'modelexpress'] as const) {
      const result = await kubectl.run(['apply', '-f', crdDirectory(set)]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    const crds = await kubectl.run(['get', 'crd', '-o', 'name']);
    expect(crds.stdout).toContain(
      'customresourcedefinition.apiextensions.k8s.io/datasets.data.fluid.io',
    );
    const names = await kubectl.run([
      'api-resources',
      '--api-group=data.fluid.io',
      '-o',
      'name',
    ]);
    expect(names.stdout.split('\n')).toContain('datasets.data.fluid.io');
  });

  it('applies the example objects', async () => {
    const result = await kubectl.run([
      'apply',
      '-f',
      exampleObjectsDirectory(),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('dataset.data.fluid.io/spark created');
    expect(result.stdout).toContain(
      'juicefsruntime.data.fluid.io/jfsdemo created',
    );
    expect(result.stdout).toContain('secret/jfs-secret created');
  });

  it('prints a table with the CRD printer columns and YAML with server fields', async () => {
    const table = await kubectl.run(['get', 'datasets']);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^NAME\s+UFS TOTAL SIZE\s+CACHED\s+CACHE CAPACITY\s+CACHED PERCENTAGE\s+PHASE\s+AGE$/,
    );
    expect(table.stdout).toMatch(/^spark\s+\d+s$/m);
    const yaml = await kubectl.run(['get', 'dataset', 'spark', '-o', 'yaml']);
    const dataset = parse(yaml.stdout);
    expect(dataset.metadata).toMatchObject({
      name: 'spark',
      namespace: 'default',
      generation: 1,
    });
    expect(dataset.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    // The status subresource owns status: create drops it, as the API server does.
    expect(dataset.status).toBeUndefined();
  });

  it('patches spec (merge) and status (--subresource=status)', async () => {
    const spec = await kubectl.run([
      'patch',
      'dataset',
      'spark',
      '--type=merge',
      '-p',
      '{"spec":{"placement":"Shared"}}',
    ]);
    expect(spec.stdout).toContain('dataset.data.fluid.io/spark patched');
    const status = await kubectl.run([
      'patch',
      'dataset',
      'spark',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"phase":"Bound","ufsTotal":"1.92GiB","conditions":[],"cacheStates":{"cached":"1.92GiB","cacheCapacity":"4.00GiB","cachedPercentage":"100.0%"}}}',
    ]);
    expect(status.code).toBe(0);
    const table = await kubectl.run([
      'get',
      'dataset',
      'spark',
      '--no-headers',
    ]);
    expect(table.stdout).toMatch(
      /^spark\s+1\.92GiB\s+1\.92GiB\s+4\.00GiB\s+100\.0%\s+Bound\s+\d+s/,
    );
    const yaml = await getYaml('dataset', 'spark');
    expect(yaml.metadata.generation).toBe(2);
    expect(yaml.spec.placement).toBe('Shared');
    // A strategic merge patch is refused for custom resources.
    const strategic = await kubectl.run([
      'patch',
      'dataset',
      'spark',
      '-p',
      '{"spec":{"placement":"Exclusive"}}',
    ]);
    expect(strategic.code).not.toBe(0);
    expect(strategic.stderr).toContain('application/merge-patch+json');
  });

  it('patches a built-in kind with a strategic merge patch', async () => {
    const created = await kubectl.run(
      ['apply', '-f', '-'],
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: server, labels: {app: server}}
spec:
  selector: {matchLabels: {app: server}}
  template:
    metadata: {labels: {app: server}}
    spec:
      containers:
        - name: server
          image: nvcr.io/nvidia/ai-dynamo/modelexpress-server:0.5.0
          env: [{name: A, value: "1"}]
`,
    );
    expect(created.code).toBe(0);
    const patched = await kubectl.run([
      'patch',
      'deployment',
      'server',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"server","env":[{"name":"B","value":"2"}]}]}}}}',
    ]);
    expect(patched.code).toBe(0);
    const deployment = await getYaml('deployment', 'server');
    expect(deployment.spec.template.spec.containers).toHaveLength(1);
    expect(deployment.spec.template.spec.containers[0].env).toEqual([
      { name: 'B', value: '2' },
      { name: 'A', value: '1' },
    ]);
  });

  it('sees a change with get -w', async () => {
    const child = spawn(await kubectlPath(), [
      '--kubeconfig',
      kubectl.kubeconfig,
      '--cache-dir',
      `${kubectl.dir}/cache`,
      'get',
      'datasets',
      '-w',
    ]);
    let output = '';
    child.stdout.on('data', chunk => {
      output += chunk;
    });
    try {
      await eventually(
        () => (output.includes('spark') ? true : undefined),
        10_000,
        'the initial table',
      );
      const patch = await kubectl.run([
        'patch',
        'dataset',
        'spark',
        '--subresource=status',
        '--type=merge',
        '-p',
        '{"status":{"phase":"Failed"}}',
      ]);
      expect(patch.code).toBe(0);
      await eventually(
        () => (/^spark\s.*Failed/m.test(output) ? true : undefined),
        10_000,
        'the watch event',
      );
    } finally {
      child.kill();
    }
  });

  it('rejects an invalid runtime with the schema message', async () => {
    const result = await kubectl.run(['apply', '-f', '-'], INVALID_RUNTIME);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `The AlluxioRuntime "broken" is invalid: spec.tieredstore.levels[0].quota: Invalid value: "2GB": spec.tieredstore.levels[0].quota in body should match '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$'`,
    );
    const unknownField = await kubectl.run(
      ['apply', '-f', '-'],
      INVALID_RUNTIME.replace('quota: 2GB', 'quota: 2Gi\n        qouta: 1Gi'),
    );
    expect(unknownField.stderr).toContain(
      'strict decoding error: unknown field "spec.tieredstore.levels[0].qouta"',
    );
    const missing = await kubectl.run(['get', 'alluxioruntime', 'broken']);
    expect(missing.stderr).toContain(
      'alluxioruntimes.data.fluid.io "broken" not found',
    );
  });

  it('refuses an update from a stale resourceVersion', async () => {
    const yaml = (await kubectl.run(['get', 'dataset', 'spark', '-o', 'yaml']))
      .stdout;
    await kubectl.run(['label', 'dataset', 'spark', 'team=ml']);
    const result = await kubectl.run(['replace', '-f', '-'], yaml);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      'Operation cannot be fulfilled on datasets.data.fluid.io "spark": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('deletes, honouring finalizers', async () => {
    const secret = await kubectl.run(['delete', 'secret', 'jfs-secret']);
    expect(secret.stdout).toContain('secret "jfs-secret" deleted');
    // The example carries Fluid's finalizer; without a controller it stays terminating.
    const dataset = await kubectl.run([
      'delete',
      'dataset',
      'jfsdemo',
      '--wait=false',
    ]);
    expect(dataset.code).toBe(0);
    const terminating = await getYaml('dataset', 'jfsdemo');
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    await kubectl.run([
      'patch',
      'dataset',
      'jfsdemo',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/metadata/finalizers"}]',
    ]);
    const gone = await kubectl.run(['get', 'dataset', 'jfsdemo']);
    expect(gone.stderr).toContain('datasets.data.fluid.io "jfsdemo" not found');
  });
});
