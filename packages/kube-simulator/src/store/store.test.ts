import { listPage } from '../api/list';
import { ObjectStore } from './store';

const pod = (name: string, namespace = 'ns') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
});

describe('object store', () => {
  it('keeps resourceVersions monotonic and events resumable until compaction', () => {
    const store = new ObjectStore(5);
    const first = store.put('/pods', pod('a'));
    const second = store.put('/pods', pod('b'));
    expect(second.rv).toBeGreaterThan(first.rv);
    const deleted = store.remove('/pods', 'ns/a')!;
    expect(deleted.rv).toBeGreaterThan(second.rv);
    const bucket = store.bucket('/pods');
    expect(bucket.since(first.rv)!.map(e => e.type)).toEqual([
      'ADDED',
      'DELETED',
    ]);
    store.compact();
    expect(bucket.since(first.rv)).toBeUndefined();
    expect(bucket.since(store.resourceVersion)).toEqual([]);
  });

  it('drops the oldest events beyond the history limit', () => {
    const store = new ObjectStore(3);
    for (let i = 0; i < 10; i++) store.put('/pods', pod(`p${i}`));
    const bucket = store.bucket('/pods');
    expect(bucket.since(1)).toBeUndefined();
    expect(bucket.since(bucket.oldestRv)!.length).toBeGreaterThan(0);
  });

  it('pages lists in key order and expires old continue tokens', () => {
    const store = new ObjectStore();
    for (const name of ['c', 'a', 'b', 'd']) store.put('/pods', pod(name));
    store.put('/pods', pod('z', 'other'));
    const bucket = store.bucket('/pods');
    const query = {
      namespace: 'ns',
      matches: () => true,
      hasSelector: false,
      limit: 3,
    };
    const first = listPage(bucket, store.resourceVersion, query);
    expect(first.items.map(e => e.name)).toEqual(['a', 'b', 'c']);
    expect(first.remainingItemCount).toBe(1);
    const second = listPage(bucket, store.resourceVersion, {
      ...query,
      continueToken: first.continueToken,
    });
    expect(second.items.map(e => e.name)).toEqual(['d']);
    expect(second.continueToken).toBeUndefined();
    store.put('/pods', pod('e'));
    store.compact();
    expect(() =>
      listPage(bucket, store.resourceVersion, {
        ...query,
        continueToken: first.continueToken,
      }),
    ).toThrow(/continue parameter is too old/);
    expect(() =>
      listPage(bucket, store.resourceVersion, {
        ...query,
        resourceVersion: '999',
      }),
    ).toThrow(/Too large resource version/);
  });
});
