import { expect, type Page } from '@playwright/test';

/** Where the tests save their screenshots (kept by the e2e runner). */
export const SCREENSHOTS = 'e2e-test-report/screenshots';

/** Signs in with the guest provider and waits for the sidebar. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}
