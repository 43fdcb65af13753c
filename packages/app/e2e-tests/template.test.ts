import { test, expect } from '@playwright/test';

// The ModelExpress-with-Fluid template (templates/model-express-fluid) is in
// the catalog, shows on the Create page, and its form renders.
test('the model cache template opens its form from the Create page', async ({
  page,
}) => {
  await page.goto('/create');
  await page.getByRole('button', { name: 'Enter' }).click();
  const title = page.getByText('ModelExpress with a Fluid model cache', {
    exact: true,
  });
  await expect(title).toBeVisible();
  // The template card: the smallest element holding the title and a Choose.
  const card = page
    .locator('div')
    .filter({ has: title })
    .filter({ has: page.getByRole('button', { name: 'Choose' }) })
    .last();
  await card.getByRole('button', { name: 'Choose' }).click();

  await expect(page).toHaveURL(
    /\/create\/templates\/default\/model-express-fluid/,
  );
  await expect(
    page.getByRole('textbox', { name: 'Name', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Namespace' })).toHaveValue(
    'model-serving',
  );
  for (const step of [
    'Service',
    'Storage backend',
    'Cache tiers and replicas',
    'Model server',
    'Models to preload',
    'Repository',
  ]) {
    await expect(page.getByText(step, { exact: true }).first()).toBeVisible();
  }
  await page
    .getByRole('textbox', { name: 'Name', exact: true })
    .fill('llama-cache');
  await page.screenshot({
    path: 'e2e-test-report/screenshots/template-form.png',
    fullPage: true,
  });

  // The storage page shows the fields of the chosen backend only.
  await page.getByRole('textbox', { name: 'Owner' }).fill('ml');
  await page.getByRole('option', { name: /ml-platform|ML Platform/ }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByRole('checkbox', { name: 'Run Redis and MinIO in the cluster' }),
  ).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'NFS server' })).toHaveCount(
    0,
  );
  await page.getByRole('button', { name: /^Backend / }).click();
  await page
    .getByRole('option', { name: 'Alluxio over an NFS export' })
    .click();
  await expect(page.getByRole('textbox', { name: 'NFS server' })).toBeVisible();
  await expect(
    page.getByRole('checkbox', { name: 'Run Redis and MinIO in the cluster' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: 'e2e-test-report/screenshots/template-form-storage.png',
    fullPage: true,
  });
});
