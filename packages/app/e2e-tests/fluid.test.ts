import { test, expect } from '@playwright/test';
import { SCREENSHOTS, signInAsGuest } from './helpers';

// Getting around the Fluid plugin in the demo (two simulated clusters): the
// tab from an entity page, the overview card and its link, the sidebar entry
// to the fleet page. What the views show is checked in fluid-live.test.ts.

const STATUS = /Healthy|Degraded|Unhealthy|Unknown/;

test('the Model cache tab opens from a demo component and refreshes', async ({
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
  await expect(page.getByText('East (simulated)').first()).toBeVisible();
  await expect(
    page.getByText(/Loaded .* · refreshes every 30 s/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(
    page.getByText(/Loaded .* · refreshes every 30 s/),
  ).toBeVisible();
});

test('the overview card sums up the model cache and links to the tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/whisper-transcribe');
  const card = page.locator('.MuiCard-root', {
    has: page.getByText('Model cache', { exact: true }),
  });
  await expect(card.getByText(STATUS).first()).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/fluid-card.png`,
    fullPage: true,
  });
  await card.getByRole('link', { name: /Model cache details/ }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/whisper-transcribe\/fluid$/,
  );
  await expect(page.getByText('West (simulated)').first()).toBeVisible();
});

test('the sidebar leads to the fleet page with both simulated clusters', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Model caches' })
    .click();
  await expect(page).toHaveURL(/\/fluid$/);
  await expect(page.getByText(/^Datasets \(\d+ of \d+\)$/)).toBeVisible();
  const clusters = page.getByRole('table', { name: 'Clusters' });
  await expect(clusters.getByText('sim-east')).toBeVisible();
  await expect(clusters.getByText('sim-west')).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/fluid-fleet.png`,
    fullPage: true,
  });
});
