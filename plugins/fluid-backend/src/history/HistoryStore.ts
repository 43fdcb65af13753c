import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  DatasetRef,
  HealthStatus,
  HistoryPoint,
  worstStatus,
} from '@internal/plugin-fluid-common';
import type { Knex } from 'knex';

const TABLE = 'fluid_dataset_history';
const HOUR_MS = 3600_000;

/** One snapshot of a dataset to store. */
export interface HistorySample extends DatasetRef {
  at: Date;
  status: HealthStatus;
  cachedBytes: number | null;
  capacityBytes: number | null;
  cachedFraction: number | null;
  hitRatio: number | null;
}

type Row = {
  cluster: string;
  namespace: string;
  name: string;
  resolution: 'raw' | 'hour';
  at_ms: number;
  status: string;
  cached_bytes: number | null;
  capacity_bytes: number | null;
  cached_fraction: number | null;
  hit_ratio: number | null;
};

function average(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/**
 * The dataset history table: snapshots at full resolution for a while, then
 * hourly averages, then nothing, so that the table stays bounded.
 */
export class HistoryStore {
  private readonly db: Knex;

  static async create(database: DatabaseService): Promise<HistoryStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@internal/plugin-fluid-backend',
          'migrations',
        ),
      });
    }
    return new HistoryStore(db);
  }

  constructor(db: Knex) {
    this.db = db;
  }

  async record(samples: HistorySample[]): Promise<void> {
    const rows: Row[] = samples.map(s => ({
      cluster: s.cluster,
      namespace: s.namespace,
      name: s.name,
      resolution: 'raw',
      at_ms: s.at.getTime(),
      status: s.status,
      cached_bytes: s.cachedBytes,
      capacity_bytes: s.capacityBytes,
      cached_fraction: s.cachedFraction,
      hit_ratio: s.hitRatio,
    }));
    // Chunked: SQLite allows a limited number of bound parameters per query.
    await this.db.batchInsert(TABLE, rows, 200);
  }

  /**
   * Averages raw rows older than `rawRetentionMs` into one row per dataset and
   * hour, and deletes every row older than `retentionMs`. Only whole hours
   * are averaged, so an hour is compacted exactly once.
   */
  async compact(options: {
    now: Date;
    rawRetentionMs: number;
    retentionMs: number;
  }): Promise<{ averaged: number; deleted: number }> {
    const cutoff =
      Math.floor((options.now.getTime() - options.rawRetentionMs) / HOUR_MS) *
      HOUR_MS;
    return this.db.transaction(async tx => {
      const raw: Row[] = await tx(TABLE)
        .where('resolution', 'raw')
        .andWhere('at_ms', '<', cutoff)
        .select();
      const buckets = new Map<string, Row[]>();
      for (const row of raw) {
        const hour = Math.floor(Number(row.at_ms) / HOUR_MS) * HOUR_MS;
        const key = JSON.stringify([
          row.cluster,
          row.namespace,
          row.name,
          hour,
        ]);
        const bucket = buckets.get(key);
        if (bucket) bucket.push(row);
        else buckets.set(key, [row]);
      }
      const hourly: Row[] = [...buckets].map(([key, rows]) => {
        const [cluster, namespace, name, hour] = JSON.parse(key);
        return {
          cluster,
          namespace,
          name,
          resolution: 'hour',
          at_ms: hour,
          status: worstStatus(rows.map(r => r.status as HealthStatus)),
          cached_bytes: average(rows.map(r => r.cached_bytes)),
          capacity_bytes: average(rows.map(r => r.capacity_bytes)),
          cached_fraction: average(rows.map(r => r.cached_fraction)),
          hit_ratio: average(rows.map(r => r.hit_ratio)),
        };
      });
      await this.db.batchInsert(TABLE, hourly, 200).transacting(tx);
      await tx(TABLE)
        .where('resolution', 'raw')
        .andWhere('at_ms', '<', cutoff)
        .delete();
      const deleted = await tx(TABLE)
        .where('at_ms', '<', options.now.getTime() - options.retentionMs)
        .delete();
      return { averaged: raw.length, deleted };
    });
  }

  async query(ref: DatasetRef, from: Date, to: Date): Promise<HistoryPoint[]> {
    const rows: Row[] = await this.db(TABLE)
      .where({ cluster: ref.cluster, namespace: ref.namespace, name: ref.name })
      .andWhere('at_ms', '>=', from.getTime())
      .andWhere('at_ms', '<=', to.getTime())
      .orderBy('at_ms', 'asc')
      .select();
    return rows.map(row => ({
      at: new Date(Number(row.at_ms)).toISOString(),
      status: row.status as HealthStatus,
      cachedBytes: row.cached_bytes,
      capacityBytes: row.capacity_bytes,
      cachedFraction: row.cached_fraction,
      hitRatio: row.hit_ratio,
    }));
  }
}
