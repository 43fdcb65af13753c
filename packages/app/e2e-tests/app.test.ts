import { test, expect } from '@playwright/test';
import { SCREENSHOTS, signInAsGuest } from './helpers';

test('the catalog lists the demo model-serving components', async ({
  page,
}) => {
  await signInAsGuest(page);
  const table = page.getByRole('table');
  for (const title of ['Llama chat', 'Embeddings', 'Whisper transcription']) {
    await expect(table.getByRole('link', { name: title })).toBeVisible();
  }
  await page.screenshot({ path: `${SCREENSHOTS}/catalog.png`, fullPage: true });
});

test("a demo component's page shows its metadata", async ({ page }) => {
  await signInAsGuest(page);
  await page
    .getByRole('table')
    .getByRole('link', { name: 'Llama chat' })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/llama-chat/);
  await expect(page.getByRole('heading', { name: 'Llama chat' })).toBeVisible();
  await expect(
    page.getByText('Chat completions on Llama 3.1 8B'),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/component-llama-chat.png`,
    fullPage: true,
  });
});

test('the scaffolder page opens', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/create');
  await expect(page).toHaveURL(/\/create/);
  await expect(page.getByRole('tab', { name: 'Templates' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Tasks' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/create.png`, fullPage: true });
});

test("the Kubernetes tab shows a component's objects in a simulated cluster", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/llama-chat/kubernetes');
  const cluster = page.getByText('East (simulated)').first();
  await expect(cluster).toBeVisible();
  // The simulated controller has started the model server's two pods.
  await expect(page.getByText('2 pods')).toBeVisible();
  await cluster.click();
  await expect(page.getByText('llama-chat').first()).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/kubernetes-llama-chat.png`,
    fullPage: true,
  });
});
