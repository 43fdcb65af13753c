import { test, expect } from '@playwright/test';
import { SCREENSHOTS, signInAsGuest } from './helpers';

// The Fluid plugin as this repository runs it without clusters: the backend
// plugin is installed but watches nothing, so every view must say so
// instead of spinning or failing. The same views with simulated clusters are
// in fluid-live.test.ts.

test('the Model cache tab of a demo component says no cluster is configured', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/llama-chat');
  const tab = page.getByRole('link', { name: 'Model cache', exact: true });
  await expect(tab).toBeVisible();
  await tab.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/llama-chat\/fluid$/,
  );
  await expect(
    page.getByText('No Fluid datasets found for this entity'),
  ).toBeVisible();
  await expect(
    page.getByText(
      /Looked for fluid\.io\/dataset: model-serving\/llama-chat and backstage\.io\/kubernetes-id: llama-chat\. The Fluid backend has no clusters configured/,
    ),
  ).toBeVisible();
  await expect(
    page.getByText(/Loaded .* · refreshes every 30 s/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(
    page.getByText(/Loaded .* · refreshes every 30 s/),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/fluid-tab-no-clusters.png`,
    fullPage: true,
  });
});

test('the overview card sums up the model cache and links to the tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/whisper-transcribe');
  const card = page.locator('.MuiCard-root', {
    has: page.getByText('Model cache', { exact: true }),
  });
  await expect(
    card.getByText(
      /Unknown: No datasets found: the Fluid backend has no clusters configured/,
    ),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/fluid-card-no-clusters.png`,
    fullPage: true,
  });
  await card.getByRole('link', { name: /Model cache details/ }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/whisper-transcribe\/fluid$/,
  );
  await expect(
    page.getByText(
      /Looked for fluid\.io\/dataset: sim-east:speech\/whisper-transcribe,sim-west:speech\/whisper-transcribe/,
    ),
  ).toBeVisible();
});

test('the sidebar leads to the fleet page', async ({ page }) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Model caches' })
    .click();
  await expect(page).toHaveURL(/\/fluid$/);
  await expect(
    page.getByText('No Fluid datasets in any cluster'),
  ).toBeVisible();
  await expect(
    page.getByText('The Fluid backend has no clusters configured.'),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Clusters' })).toHaveCount(0);
  await page.screenshot({
    path: `${SCREENSHOTS}/fluid-fleet-no-clusters.png`,
    fullPage: true,
  });
});
