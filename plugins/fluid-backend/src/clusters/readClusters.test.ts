import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readClusters } from './readClusters';

const logger = mockServices.logger.mock();

describe('readClusters', () => {
  it('reads the Kubernetes plugin config clusters and a kubeconfig', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'catalog' },
          {
            type: 'config',
            clusters: [
              {
                name: 'sim-east',
                title: 'East (simulated)',
                url: 'https://127.0.0.1:6443',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'secret',
                caData: 'Q0E=',
              },
              { name: 'gke', url: 'https://gke', authProvider: 'google' },
            ],
          },
        ],
      },
      fluid: {
        kubeconfig: { path: '/tmp/kubeconfig', contexts: ['kind-a', 'kind-b'] },
      },
    });
    expect(readClusters(config, logger)).toEqual([
      {
        name: 'sim-east',
        title: 'East (simulated)',
        source: {
          type: 'config',
          server: 'https://127.0.0.1:6443',
          token: 'secret',
          caData: 'Q0E=',
          caFile: undefined,
          skipTLSVerify: false,
        },
      },
      {
        name: 'kind-a',
        source: {
          type: 'kubeconfig',
          path: '/tmp/kubeconfig',
          context: 'kind-a',
        },
      },
      {
        name: 'kind-b',
        source: {
          type: 'kubeconfig',
          path: '/tmp/kubeconfig',
          context: 'kind-b',
        },
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'kubernetes.clusterLocatorMethods[1].clusters[1].authProvider "google"',
      ),
    );
  });

  it('has no clusters without config', () => {
    expect(readClusters(new ConfigReader({}), logger)).toEqual([]);
  });

  it('names the key of a bad url', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'a', url: 'not a url', authProvider: 'serviceAccount' },
            ],
          },
        ],
      },
    });
    expect(() => readClusters(config, logger)).toThrow(
      'kubernetes.clusterLocatorMethods[0].clusters[0].url "not a url" is not a URL',
    );
  });

  it('refuses two clusters with one name', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'a', url: 'http://x', authProvider: 'serviceAccount' },
            ],
          },
        ],
      },
      fluid: { kubeconfig: { contexts: ['a'] } },
    });
    expect(() => readClusters(config, logger)).toThrow(
      /two clusters are named "a"/,
    );
  });
});
