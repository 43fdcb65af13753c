import { configApiRef, useApi } from '@backstage/frontend-plugin-api';

/** The config key of the auto-refresh interval. */
export const REFRESH_INTERVAL_KEY = 'fluid.frontend.refreshIntervalSeconds';

/** Used when the key is not set. */
export const DEFAULT_REFRESH_INTERVAL_SECONDS = 30;

/**
 * The auto-refresh interval in milliseconds; 0 turns auto-refresh off.
 * Throws an error that names the key when its value is not usable.
 */
export function useRefreshIntervalMs(): number {
  const config = useApi(configApiRef);
  const seconds =
    config.getOptionalNumber(REFRESH_INTERVAL_KEY) ??
    DEFAULT_REFRESH_INTERVAL_SECONDS;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new Error(
      `${REFRESH_INTERVAL_KEY} must be 0 (off) or a number of seconds above 0, not ${seconds}`,
    );
  }
  return seconds * 1000;
}
