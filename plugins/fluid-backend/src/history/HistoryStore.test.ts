import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { HistoryStore, HistorySample } from './HistoryStore';

const databases = TestDatabases.create();
const HOUR = 3600_000;
const ref = { cluster: 'east', namespace: 'model-serving', name: 'llama-chat' };

function sample(
  at: number,
  cachedBytes: number,
  status: HistorySample['status'] = 'healthy',
): HistorySample {
  return {
    ...ref,
    at: new Date(at),
    status,
    cachedBytes,
    capacityBytes: 4e9,
    cachedFraction: cachedBytes / 4e9,
    hitRatio: 0.8,
  };
}

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database.mock({ getClient: async () => knex });
  return HistoryStore.create(database);
}

describe.each(databases.eachSupportedId())('HistoryStore on %p', databaseId => {
  it('stores samples and returns them in a time range, oldest first', async () => {
    const store = await createStore(databaseId);
    const t0 = Date.parse('2026-11-29T10:00:00Z');
    await store.record([
      sample(t0 + 10 * 60_000, 2e9),
      sample(t0, 1e9),
      sample(t0 + 5 * 60_000, 1.5e9),
    ]);
    await store.record([{ ...sample(t0, 9e9), name: 'other' }]);

    const points = await store.query(
      ref,
      new Date(t0),
      new Date(t0 + 5 * 60_000),
    );
    expect(points).toEqual([
      {
        at: '2026-11-29T10:00:00.000Z',
        status: 'healthy',
        cachedBytes: 1e9,
        capacityBytes: 4e9,
        cachedFraction: 0.25,
        hitRatio: 0.8,
      },
      {
        at: '2026-11-29T10:05:00.000Z',
        status: 'healthy',
        cachedBytes: 1.5e9,
        capacityBytes: 4e9,
        cachedFraction: 0.375,
        hitRatio: 0.8,
      },
    ]);
  });

  it('keeps numbers above 2^32 and nulls intact', async () => {
    const store = await createStore(databaseId);
    const at = Date.parse('2026-11-29T10:00:00Z');
    await store.record([
      { ...sample(at, 5 * 1024 ** 4), hitRatio: null, cachedFraction: null },
    ]);
    const [point] = await store.query(ref, new Date(at - 1), new Date(at + 1));
    expect(point).toMatchObject({
      cachedBytes: 5 * 1024 ** 4,
      hitRatio: null,
      cachedFraction: null,
    });
  });

  it('averages old samples per hour, keeps recent ones, and expires the oldest', async () => {
    const store = await createStore(databaseId);
    const now = Date.parse('2026-11-29T12:30:00Z');
    const samples: HistorySample[] = [];
    // Every 5 minutes for 60 hours before now.
    for (let at = now - 60 * HOUR; at < now; at += 5 * 60_000) {
      samples.push(
        sample(
          at,
          1e9 + (at % HOUR) / 1000,
          at % HOUR === 0 ? 'degraded' : 'healthy',
        ),
      );
    }
    await store.record(samples);

    const result = await store.compact({
      now: new Date(now),
      rawRetentionMs: 48 * HOUR,
      retentionMs: 50 * HOUR,
    });
    expect(result.averaged).toBeGreaterThan(0);

    const points = await store.query(
      ref,
      new Date(now - 61 * HOUR),
      new Date(now),
    );
    // Nothing older than the retention.
    expect(Date.parse(points[0].at)).toBeGreaterThanOrEqual(now - 50 * HOUR);
    // Whole hours only: the cut is the hour boundary before now - 48 h.
    const cutoff = Math.floor((now - 48 * HOUR) / HOUR) * HOUR;
    const hourly = points.filter(p => Date.parse(p.at) < cutoff);
    const raw = points.filter(p => Date.parse(p.at) >= cutoff);
    // Old samples: one per hour, on the hour.
    expect(hourly.length).toBeGreaterThan(0);
    for (const p of hourly) expect(Date.parse(p.at) % HOUR).toBe(0);
    // The worst status of the hour wins; the recent samples keep their own.
    expect(hourly.every(p => p.status === 'degraded')).toBe(true);
    expect(raw.filter(p => p.status === 'degraded').length).toBe(
      Math.ceil((now - cutoff) / HOUR),
    );
    // Recent samples untouched: 12 per hour.
    expect(raw.length).toBe((now - cutoff) / (5 * 60_000));
    expect(hourly.length).toBe(Math.floor((cutoff - (now - 50 * HOUR)) / HOUR));

    // Compacting again changes nothing: each hour is averaged once.
    const again = await store.compact({
      now: new Date(now),
      rawRetentionMs: 48 * HOUR,
      retentionMs: 50 * HOUR,
    });
    expect(again).toEqual({ averaged: 0, deleted: 0 });
    expect(
      await store.query(ref, new Date(now - 61 * HOUR), new Date(now)),
    ).toEqual(points);
  });
});
