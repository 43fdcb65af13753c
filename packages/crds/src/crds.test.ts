import { CRD_SETS, loadCrds, loadExampleObjects } from './crds';

describe('the CRD fixtures', () => {
  it.each(CRD_SETS)('loads every CRD of %s with a schema', set => {
    const crds = loadCrds(set);
    expect(crds.length).toBeGreaterThan(0);
    for (const crd of crds) {
      expect(crd.spec.versions.some(v => v.storage)).toBe(true);
      for (const version of crd.spec.versions) {
        expect(version.schema?.openAPIV3Schema).toBeDefined();
      }
    }
  });

  it('has the Fluid kinds the plugins read, in both Fluid sets', () => {
    for (const set of ['fluid-v1.0.8', 'fluid-master'] as const) {
      const kinds = loadCrds(set).map(crd => crd.spec.names.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'Dataset',
          'AlluxioRuntime',
          'JuiceFSRuntime',
          'DataLoad',
        ]),
      );
      expect(
        loadCrds(set).every(crd => crd.spec.group === 'data.fluid.io'),
      ).toBe(true);
    }
    expect(loadCrds('fluid-v1.0.8').map(crd => crd.spec.names.kind)).toContain(
      'GooseFSRuntime',
    );
    expect(
      loadCrds('fluid-master').map(crd => crd.spec.names.kind),
    ).not.toContain('GooseFSRuntime');
  });

  it('has the ModelExpress ModelCacheEntry', () => {
    const entry = loadCrds('modelexpress').find(
      crd => crd.spec.names.kind === 'ModelCacheEntry',
    );
    expect(entry?.spec).toMatchObject({
      group: 'modelexpress.nvidia.com',
      names: { plural: 'modelcacheentries' },
    });
  });

  it('loads the example objects with their status', () => {
    const objects = loadExampleObjects();
    const dataset = objects.find(
      o => o.kind === 'Dataset' && o.metadata.name === 'spark',
    );
    expect(dataset?.status).toMatchObject({
      phase: 'Bound',
      cacheStates: { cached: '1.92GiB' },
    });
    expect(objects.map(o => o.kind)).toEqual(
      expect.arrayContaining(['AlluxioRuntime', 'JuiceFSRuntime', 'DataLoad']),
    );
  });
});
