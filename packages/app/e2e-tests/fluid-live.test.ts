import { request } from 'node:https';
import { test, expect, type Page, type Response } from '@playwright/test';
import { SCREENSHOTS, signInAsGuest } from './helpers';

// The Fluid views fed by the simulated clusters of `npm start`'s demo
// (sim-east and sim-west, with datasets matching catalog/model-serving.yaml),
// which Playwright starts (scripts/dev.mjs). The tests check the screen
// against the answers the app itself received from /api/fluid, and against
// the demo catalog.

// The demo's sim-east (app-config.yaml); dev-only token, self-signed TLS.
const SIM_EAST = 'https://127.0.0.1:16443';
const SIM_TOKEN = 'dev-only-kube-simulator-token';

/** Runs a scenario event in sim-east now (kube-simulator's admin endpoint). */
function simulatorEvent(event: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${SIM_EAST}/simulator/events`,
      {
        method: 'POST',
        rejectUnauthorized: false,
        headers: {
          Authorization: `Bearer ${SIM_TOKEN}`,
          'Content-Type': 'application/json',
        },
      },
      res => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve()
            : reject(new Error(`simulator event: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(event));
  });
}

const WORDS: Record<string, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unhealthy: 'Unhealthy',
  unknown: 'Unknown',
};

/** The datasets each demo component names in fluid.io/dataset. */
const DEMO = {
  'llama-chat': [{ cluster: undefined, ref: 'model-serving/llama-chat' }],
  embeddings: [{ cluster: undefined, ref: 'model-serving/embeddings' }],
  'whisper-transcribe': [
    { cluster: 'sim-east', ref: 'speech/whisper-transcribe' },
    { cluster: 'sim-west', ref: 'speech/whisper-transcribe' },
  ],
};

interface Dataset {
  cluster: string;
  namespace: string;
  name: string;
  health: { status: string; reasons: { code: string; message: string }[] };
  cache: { hitRatio: number | null; cachedBytes: number | null };
}

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`;

const isEntityAnswer = (r: Response) =>
  r.url().includes('/api/fluid/v1/entity?') && r.ok();

/** Opens the tab and returns the answer it was drawn from. */
async function openTab(page: Page, component: string) {
  const answer = page.waitForResponse(isEntityAnswer);
  await page.goto(`/catalog/default/component/${component}/fluid`);
  return (await (await answer).json()) as {
    status: string;
    datasets: Dataset[];
    errors: unknown[];
  };
}

async function expectTabShows(
  page: Page,
  body: { status: string; datasets: Dataset[] },
) {
  await expect(
    page.getByRole('heading', { level: 2, name: WORDS[body.status] }),
  ).toBeVisible();
  for (const d of body.datasets) {
    const card = page
      .getByRole('region', { name: `Cluster ${d.cluster}` })
      .getByRole('article', { name: `Dataset ${d.namespace}/${d.name}` });
    await expect(card).toBeVisible();
    await expect(card).toContainText(/ of .* cached/);
    if (d.cache.hitRatio !== null) {
      await expect(card).toContainText(percent(d.cache.hitRatio));
    }
    for (const reason of d.health.reasons) {
      await expect(card).toContainText(reason.message.replace(/`/g, ''));
    }
  }
}

for (const [component, expected] of Object.entries(DEMO)) {
  test(`the ${component} tab shows its simulated datasets`, async ({
    page,
  }) => {
    await signInAsGuest(page);
    const body = await openTab(page, component);
    expect(body.errors).toEqual([]);
    for (const { cluster, ref } of expected) {
      expect(
        body.datasets.some(
          d =>
            `${d.namespace}/${d.name}` === ref &&
            (!cluster || d.cluster === cluster),
        ),
      ).toBe(true);
    }
    await expectTabShows(page, body);
    await page.screenshot({
      path: `${SCREENSHOTS}/fluid-live-${component}.png`,
      fullPage: true,
    });
  });
}

test('after the simulator fails a dataset, the tab shows unhealthy after refresh', async ({
  page,
}) => {
  await signInAsGuest(page);
  await openTab(page, 'llama-chat');
  await simulatorEvent({
    action: 'datasetFailed',
    dataset: 'model-serving/llama-chat',
  });
  try {
    // The backend sees the change through its watch; refresh until it shows.
    await expect(async () => {
      const answer = page.waitForResponse(isEntityAnswer);
      await page.getByRole('button', { name: 'Refresh' }).click();
      const body = await (await answer).json();
      expect(body.status).toBe('unhealthy');
      await expectTabShows(page, body);
    }).toPass({ timeout: 60_000 });
    await expect(page.getByText(/Unhealthy: /).first()).toBeVisible();
    await page.screenshot({
      path: `${SCREENSHOTS}/fluid-live-llama-chat-failed.png`,
      fullPage: true,
    });
  } finally {
    await simulatorEvent({
      action: 'datasetRecovered',
      dataset: 'model-serving/llama-chat',
    });
  }
});

test('the fleet page lists every simulated dataset', async ({ page }) => {
  await signInAsGuest(page);
  const answers: { items: Dataset[]; totalItems: number }[] = [];
  page.on('response', async r => {
    if (r.url().includes('/api/fluid/v1/datasets?') && r.ok()) {
      answers.push(await r.json());
    }
  });
  await page.goto('/fluid');
  await expect(page.getByText(/^Datasets \(\d+ of \d+\)$/)).toBeVisible();
  // Every page of the list has been read (the listener parses in the background).
  await expect
    .poll(() => {
      const expected = answers[0]?.totalItems;
      return (
        expected !== undefined &&
        answers.flatMap(a => a.items).length === expected
      );
    })
    .toBe(true);
  const total = answers[0].totalItems;
  const all = answers.flatMap(a => a.items);
  expect(all.length).toBe(total);
  await expect(page.getByText(`Datasets (${total} of ${total})`)).toBeVisible();
  for (const refs of Object.values(DEMO)) {
    for (const { cluster, ref } of refs) {
      expect(
        all.some(
          d =>
            `${d.namespace}/${d.name}` === ref &&
            (!cluster || d.cluster === cluster),
        ),
      ).toBe(true);
    }
  }
  await page.screenshot({
    path: `${SCREENSHOTS}/fluid-live-fleet.png`,
    fullPage: true,
  });
  const west = all.filter(d => d.cluster === 'sim-west').length;
  await page
    .getByRole('combobox', { name: 'Cluster' })
    .selectOption('sim-west');
  await expect(page.getByText(`Datasets (${west} of ${total})`)).toBeVisible();
});
