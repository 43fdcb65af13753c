import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { FluidStore } from '../watch/FluidStore';
import type { HistoryStore } from './HistoryStore';

/** How often to sample and how long to keep what was sampled. */
export interface HistorySettings {
  intervalMinutes: number;
  rawRetentionHours: number;
  retentionDays: number;
}

/**
 * One history step: store the current numbers of every dataset whose cluster
 * is current (stale numbers would draw a flat line that never happened), then
 * compact and expire old rows.
 */
export async function recordHistory(
  store: FluidStore,
  history: HistoryStore,
  settings: HistorySettings,
  now = new Date(),
): Promise<{ recorded: number; averaged: number; deleted: number }> {
  const samples = store
    .allDatasets(now.getTime())
    .filter(d => !d.health.reasons.some(r => r.code === 'CLUSTER_NOT_SYNCED'))
    .map(d => ({
      cluster: d.cluster,
      namespace: d.namespace,
      name: d.name,
      at: now,
      status: d.health.status,
      cachedBytes: d.cache.cachedBytes,
      capacityBytes: d.cache.capacityBytes,
      cachedFraction: d.cache.cachedFraction,
      hitRatio: d.cache.hitRatio,
    }));
  await history.record(samples);
  const { averaged, deleted } = await history.compact({
    now,
    rawRetentionMs: settings.rawRetentionHours * 3600_000,
    retentionMs: settings.retentionDays * 86400_000,
  });
  return { recorded: samples.length, averaged, deleted };
}

/**
 * Schedules {@link recordHistory}. The scope is global, so with several
 * backend replicas only one of them writes each sample.
 */
export async function scheduleHistory(options: {
  scheduler: SchedulerService;
  store: FluidStore;
  history: HistoryStore;
  settings: HistorySettings;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, store, history, settings, logger } = options;
  await scheduler.scheduleTask({
    id: 'fluid-dataset-history',
    scope: 'global',
    frequency: { minutes: settings.intervalMinutes },
    timeout: { minutes: Math.max(1, settings.intervalMinutes) },
    initialDelay: { seconds: 30 },
    fn: async () => {
      const result = await recordHistory(store, history, settings);
      logger.debug(
        `Fluid history: recorded ${result.recorded}, averaged ${result.averaged}, expired ${result.deleted}`,
      );
    },
  });
}
