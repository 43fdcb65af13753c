import { test, expect, type Page } from '@playwright/test';
import {
  cluster,
  dataset,
  minutesAgo,
  unhealthyDataset,
} from '@internal/plugin-fluid/testUtils';
import { SCREENSHOTS, signInAsGuest } from './helpers';

// The Fluid views in real Chromium with the answers of /api/fluid replaced
// in the browser (page.route): the layout, the chart at its real size and
// keyboard use, for states the cluster-less backend of this repository
// cannot produce. The same views fed by simulated clusters are in
// fluid-live.test.ts.

// The data is the plugin's own test fixtures.
const GiB = 1024 ** 3;
const whisper = {
  ...unhealthyDataset,
  namespace: 'speech',
  name: 'whisper-transcribe',
};
const clusters = [
  cluster(),
  cluster({
    name: 'sim-west',
    state: 'error',
    lastSyncedAt: minutesAgo(12),
    lastError: {
      message: 'connect ECONNREFUSED 127.0.0.1:6444',
      at: minutesAgo(10),
    },
    datasets: 1,
  }),
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
        datasets: [whisper],
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
          whisper,
          dataset({
            name: 'embeddings',
            runtime: { ...dataset().runtime!, kind: 'JuiceFSRuntime' },
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
        ...whisper,
        from: url.searchParams.get('from'),
        to: url.searchParams.get('to'),
        points,
      },
    });
  });
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
