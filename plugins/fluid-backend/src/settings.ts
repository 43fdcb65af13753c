import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_HEALTH_THRESHOLDS,
  HealthThresholds,
} from '@internal/plugin-fluid-common';
import type { HistorySettings } from './history/scheduleHistory';
import type { WatchSettings } from './watch/Reflector';

/** Everything under `fluid.*` that is not a cluster (see config.d.ts). */
export interface FluidSettings {
  thresholds: HealthThresholds;
  watch: WatchSettings;
  history: HistorySettings;
}

function positive(
  config: Config,
  key: string,
  fallback: number,
  max = Infinity,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!(value > 0) || value > max) {
    throw new InputError(
      `fluid config: ${key} must be a number above 0${
        Number.isFinite(max) ? ` and at most ${max}` : ''
      }, got ${value}`,
    );
  }
  return value;
}

export function readSettings(config: Config): FluidSettings {
  const d = DEFAULT_HEALTH_THRESHOLDS;
  return {
    thresholds: {
      notBoundGraceSeconds: positive(
        config,
        'fluid.health.notBoundGraceSeconds',
        d.notBoundGraceSeconds,
      ),
      staleAfterSeconds: positive(
        config,
        'fluid.health.staleAfterSeconds',
        d.staleAfterSeconds,
      ),
      minHitRatio: positive(
        config,
        'fluid.health.minHitRatio',
        d.minHitRatio,
        1,
      ),
      cacheFullFraction: positive(
        config,
        'fluid.health.cacheFullFraction',
        d.cacheFullFraction,
        1,
      ),
    },
    watch: {
      timeoutSeconds: positive(config, 'fluid.watch.timeoutSeconds', 300),
      pageSize: positive(config, 'fluid.watch.pageSize', 500),
      initialBackoffMs: positive(config, 'fluid.watch.initialBackoffMs', 1000),
      maxBackoffMs: positive(config, 'fluid.watch.maxBackoffMs', 30000),
    },
    history: {
      intervalMinutes: positive(config, 'fluid.history.intervalMinutes', 5),
      rawRetentionHours: positive(
        config,
        'fluid.history.rawRetentionHours',
        48,
      ),
      retentionDays: positive(config, 'fluid.history.retentionDays', 30),
    },
  };
}
