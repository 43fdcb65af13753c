import { test, expect, type Page } from '@playwright/test';

// The Fluid views in real Chromium with the answers of /api/fluid replaced
// in the browser (page.route): the layout, the chart at its real size and
// keyboard use, for states the cluster-less backend of this repository
// cannot produce. The same views fed by simulated clusters are in
// fluid-live.test.ts.

const SCREENSHOTS = 'e2e-test-report/screenshots';
const GiB = 1024 ** 3;
const ago = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

function dataset(overrides: Record<string, unknown> = {}) {
  return {
    cluster: 'sim-east',
    namespace: 'model-serving',
    name: 'llama-chat',
    phase: 'Bound',
    runtime: {
      kind: 'AlluxioRuntime',
      masterPhase: 'Ready',
      workerPhase: 'Ready',
      fusePhase: 'Ready',
      mastersReady: 1,
      mastersDesired: 1,
      workersReady: 2,
      workersDesired: 2,
      fusesReady: 2,
      fusesDesired: 2,
    },
    cache: {
      capacityBytes: 20 * GiB,
      cachedBytes: 15 * GiB,
      cachedFraction: 0.938,
      ufsTotalBytes: 16 * GiB,
      fileCount: 37,
      hitRatio: 0.921,
      localHitRatio: 0.8,
      remoteHitRatio: 0.121,
      throughputRatio: 0.95,
      tiers: [
        {
          medium: 'MEM',
          path: '/dev/shm',
          quota: '4Gi',
          quotaBytes: 4 * GiB,
          high: 0.95,
          low: 0.7,
        },
        {
          medium: 'SSD',
          path: '/mnt/ssd',
          quota: '16Gi',
          quotaBytes: 16 * GiB,
          high: null,
          low: null,
        },
      ],
    },
    dataLoads: [
      {
        name: 'llama-chat-warmup',
        phase: 'Complete',
        policy: 'Once',
        durationSeconds: 182,
        createdAt: ago(120),
      },
    ],
    models: [
      {
        name: 'llama-3-1-8b',
        modelName: 'meta-llama/Llama-3.1-8B-Instruct',
        provider: 'HuggingFace',
        phase: 'Downloaded',
        lastUsedAt: ago(5),
        message: null,
      },
    ],
    modelServers: [
      { name: 'llama-chat', replicasDesired: 2, replicasAvailable: 2 },
    ],
    health: { status: 'healthy', reasons: [] },
    lastSyncedAt: ago(0.2),
    ...overrides,
  };
}

const unhealthy = dataset({
  name: 'whisper-transcribe',
  namespace: 'speech',
  runtime: { ...dataset().runtime, workerPhase: 'NotReady', workersReady: 0 },
  modelServers: [
    { name: 'whisper-transcribe', replicasDesired: 1, replicasAvailable: 0 },
  ],
  health: {
    status: 'unhealthy',
    reasons: [
      {
        code: 'WORKERS_NOT_READY',
        status: 'unhealthy',
        message:
          'No cache worker is ready (0 of 2); see `kubectl describe alluxioruntime whisper-transcribe -n speech`.',
      },
      {
        code: 'MODEL_SERVER_UNAVAILABLE',
        status: 'unhealthy',
        message:
          'Deployment whisper-transcribe wants 1 replica but has none available.',
      },
    ],
  },
});

const clusters = [
  {
    name: 'sim-east',
    title: null,
    state: 'synced',
    lastSyncedAt: ago(0.2),
    lastError: null,
    runtimeKinds: ['AlluxioRuntime'],
    datasets: 2,
  },
  {
    name: 'sim-west',
    title: null,
    state: 'error',
    lastSyncedAt: ago(12),
    lastError: { message: 'connect ECONNREFUSED 127.0.0.1:6444', at: ago(10) },
    runtimeKinds: ['AlluxioRuntime'],
    datasets: 1,
  },
];

const westError = {
  cluster: 'sim-west',
  message: 'connect ECONNREFUSED 127.0.0.1:6444',
};

async function mockFluid(page: Page) {
  await page.route('**/api/fluid/v1/entity?*', route =>
    route.fulfill({
      json: {
        entityRef: 'component:default/whisper-transcribe',
        status: 'unhealthy',
        datasets: [unhealthy],
        errors: [westError],
      },
    }),
  );
  await page.route('**/api/fluid/v1/clusters', route =>
    route.fulfill({ json: { items: clusters } }),
  );
  await page.route('**/api/fluid/v1/datasets?*', route =>
    route.fulfill({
      json: {
        items: [
          dataset(),
          unhealthy,
          dataset({
            name: 'embeddings',
            runtime: { ...dataset().runtime, kind: 'JuiceFSRuntime' },
          }),
        ],
        totalItems: 3,
        errors: [westError],
      },
    }),
  );
  await page.route('**/api/fluid/v1/datasets/*/*/*/history?*', route => {
    const url = new URL(route.request().url());
    const from = Date.parse(url.searchParams.get('from')!);
    const to = Date.parse(url.searchParams.get('to')!);
    const step = (to - from) / 48;
    const points = Array.from({ length: 49 }, (_, i) => ({
      at: new Date(from + i * step).toISOString(),
      status: 'healthy',
      cachedBytes: Math.round((2 + 13 * (i / 48)) * GiB),
      capacityBytes: 20 * GiB,
      cachedFraction: (2 + 13 * (i / 48)) / 16,
      hitRatio: 0.4 + 0.5 * (i / 48) + 0.03 * Math.sin(i),
    }));
    return route.fulfill({
      json: {
        ...unhealthy,
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
        points,
      },
    });
  });
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('the tab puts the unhealthy reasons first and a failed cluster inline', async ({
  page,
}) => {
  await mockFluid(page);
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/whisper-transcribe/fluid');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Unhealthy' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('alert')
      .filter({ hasText: 'Cluster sim-west unreachable since' }),
  ).toContainText('connect ECONNREFUSED 127.0.0.1:6444; last synced');
  const reasons = page.getByRole('list', { name: 'Health reasons' });
  await expect(reasons.getByRole('listitem').first()).toContainText(
    'Unhealthy: No cache worker is ready (0 of 2)',
  );
  // The chart is drawn at its real size, with both series.
  const chart = page.locator('.recharts-wrapper');
  await expect(chart.locator('.recharts-area')).toBeVisible();
  await expect(chart.locator('.recharts-line')).toBeVisible();
  expect((await chart.boundingBox())!.width).toBeGreaterThan(400);
  await expect(page.getByText(/^Hit ratio 40% → /)).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/fluid-tab-mocked.png`,
    fullPage: true,
  });

  // Keyboard: the range buttons are reachable and operable.
  const week = page.getByRole('button', { name: '7 days' });
  await week.focus();
  await page.keyboard.press('Enter');
  await expect(week).toHaveAttribute('aria-pressed', 'true');
});

test('the fleet page filters by status', async ({ page }) => {
  await mockFluid(page);
  await signInAsGuest(page);
  await page.goto('/fluid');
  await expect(page.getByText('Datasets (3 of 3)')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Unhealthy' }).check();
  await expect(page.getByText('Datasets (1 of 3)')).toBeVisible();
  await expect(page).toHaveURL(/\/fluid\?status=unhealthy$/);
  await page.getByRole('checkbox', { name: 'Unhealthy' }).uncheck();
  await expect(page.getByText('Datasets (3 of 3)')).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/fluid-fleet-mocked.png`,
    fullPage: true,
  });
});
