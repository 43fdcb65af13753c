import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import {
  cluster,
  dataset,
  degradedDataset,
  entityResponse,
  llamaChat,
  minutesAgo,
  notLinked,
  staleDataset,
  unhealthyDataset,
} from '../../testUtils';
import {
  BASE_URL,
  backendError,
  fluidApi,
  handlers,
  setupFluidServer,
} from '../../__testUtils__/server';
import { EntityFluidContent } from './EntityFluidContent';

describe('EntityFluidContent', () => {
  const server = setupFluidServer();

  function render(entity: Entity = llamaChat, refreshIntervalSeconds = 0) {
    return renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityFluidContent />
      </EntityProvider>,
      {
        apis: [fluidApi()],
        config: { fluid: { frontend: { refreshIntervalSeconds } } },
      },
    );
  }

  function serve(
    response: ReturnType<typeof entityResponse>,
    clusters = [cluster()],
  ) {
    server.use(
      handlers.entity(response),
      handlers.clusters(clusters),
      handlers.history([]),
    );
  }

  const datasetCard = (name = 'model-serving/llama-chat') =>
    screen.findByRole('article', { name: `Dataset ${name}` });

  it('shows a healthy cache with all its numbers', async () => {
    serve(entityResponse([dataset()]));
    render();
    const card = await datasetCard();
    const tab = within(card);

    expect(
      screen.getByRole('heading', { level: 2, name: 'Healthy' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('1 dataset in 1 cluster: 1 healthy'),
    ).toBeInTheDocument();
    expect(tab.queryByRole('list', { name: 'Health reasons' })).toBeNull();
    // Cached / capacity with a gauge, the data source, hit ratios.
    expect(
      tab.getByText('15 GiB of 20 GiB cached (75% full)'),
    ).toBeInTheDocument();
    expect(tab.getByRole('meter', { name: 'Cache fill' })).toHaveAttribute(
      'aria-valuenow',
      '75',
    );
    expect(tab.getByText('93.8% of 16 GiB (37 files)')).toBeInTheDocument();
    expect(
      tab.getByText('92.1% (local 80%, remote 12.1%)'),
    ).toBeInTheDocument();
    // Tiers.
    const tiers = tab.getByRole('table', { name: 'Tiers' });
    expect(
      within(tiers)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Medium', 'Path', 'Quota', 'Watermarks (high / low)']);
    expect(within(tiers).getByText('/dev/shm')).toBeInTheDocument();
    expect(within(tiers).getByText('4Gi')).toBeInTheDocument();
    expect(within(tiers).getByText('95% / 70%')).toBeInTheDocument();
    // Runtime components, model server, models, DataLoads.
    const runtime = tab.getByRole('table', {
      name: 'Runtime (AlluxioRuntime)',
    });
    const workers = within(runtime).getByRole('row', { name: /Workers/ });
    expect(workers).toHaveTextContent('Ready');
    expect(workers).toHaveTextContent('2/2');
    expect(
      within(tab.getByRole('table', { name: 'Model servers' })).getByRole(
        'row',
        {
          name: /llama-chat/,
        },
      ),
    ).toHaveTextContent('Ready2/2');
    const models = tab.getByRole('table', { name: 'Models' });
    expect(
      within(models).getByText('meta-llama/Llama-3.1-8B-Instruct'),
    ).toBeInTheDocument();
    expect(within(models).getByText('Downloaded')).toBeInTheDocument();
    expect(within(models).getByText('5 minutes ago')).toBeInTheDocument();
    const loads = tab.getByRole('table', { name: 'DataLoads' });
    expect(within(loads).getByText('Complete')).toBeInTheDocument();
    expect(within(loads).getByText('3 min, 2 sec')).toBeInTheDocument();
    // Last synced, per dataset and per cluster.
    expect(
      screen.getByText(/Phase Bound · AlluxioRuntime · synced just now/),
    ).toBeInTheDocument();
    expect(screen.getByText(/last synced just now/)).toBeInTheDocument();
  });

  it('shows a degraded cache with its reasons open, in words', async () => {
    serve(entityResponse([degradedDataset]));
    render();
    const card = await datasetCard();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Degraded' }),
    ).toBeInTheDocument();
    const reasons = within(card).getByRole('list', { name: 'Health reasons' });
    expect(within(reasons).getAllByRole('listitem')).toHaveLength(2);
    expect(reasons).toHaveTextContent(
      'Degraded: The cache is 97.5% full (eviction starts at 95%)',
    );
    expect(reasons).toBeVisible();
  });

  it('puts the worst reason of an unhealthy cache first, commands as code', async () => {
    serve(entityResponse([unhealthyDataset]));
    render();
    const card = await datasetCard();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Unhealthy' }),
    ).toBeInTheDocument();
    const items = within(
      within(card).getByRole('list', { name: 'Health reasons' }),
    ).getAllByRole('listitem');
    expect(items.map(i => i.getAttribute('data-code'))).toEqual([
      'WORKERS_NOT_READY',
      'MODEL_SERVER_UNAVAILABLE',
      'DATALOAD_FAILED',
    ]);
    expect(items[0]).toHaveTextContent(
      'Unhealthy: No cache worker is ready (0 of 2)',
    );
    expect(
      within(items[0]).getByText(
        'kubectl describe alluxioruntime llama-chat -n model-serving',
      ).tagName,
    ).toBe('CODE');
    const runtime = within(card).getByRole('table', { name: /Runtime/ });
    expect(
      within(runtime).getByRole('row', { name: /Workers/ }),
    ).toHaveTextContent('Not ready0/2');
    expect(
      within(
        within(card).getByRole('table', { name: 'Model servers' }),
      ).getByText('Unavailable'),
    ).toBeInTheDocument();
    expect(
      within(within(card).getByRole('table', { name: 'DataLoads' })).getByText(
        'Failed',
      ),
    ).toBeInTheDocument();
  });

  it('shows an unknown, stale dataset without the ratios its runtime does not report', async () => {
    serve(entityResponse([staleDataset]), [
      cluster({ name: 'sim-west', lastSyncedAt: minutesAgo(12) }),
    ]);
    render();
    const card = await datasetCard();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Unknown' }),
    ).toBeInTheDocument();
    expect(card).toHaveTextContent(
      'Unknown: Cluster sim-west has not synced for 12 minutes',
    );
    expect(within(card).getByText('92.1%')).toBeInTheDocument();
    expect(
      screen.getByText(/AlluxioRuntime · synced 12 minutes ago/),
    ).toBeInTheDocument();
  });

  it('shows a failed cluster inline while the other cluster still shows its data', async () => {
    serve(
      entityResponse([dataset(), { ...staleDataset, name: 'whisper' }], {
        errors: [
          {
            cluster: 'sim-west',
            message: 'connect ECONNREFUSED 10.0.0.2:6443',
          },
        ],
      }),
      [
        cluster(),
        cluster({
          name: 'sim-west',
          state: 'error',
          lastSyncedAt: minutesAgo(12),
          lastError: {
            message: 'connect ECONNREFUSED 10.0.0.2:6443',
            at: minutesAgo(10),
          },
        }),
      ],
    );
    render();
    const west = await screen.findByRole('region', {
      name: 'Cluster sim-west',
    });
    const alert = within(west).getByRole('alert');
    expect(alert).toHaveTextContent(
      /Cluster sim-west unreachable since .* \(10 minutes ago\): connect ECONNREFUSED 10\.0\.0\.2:6443; last synced .* \(12 minutes ago\)/,
    );
    const east = screen.getByRole('region', { name: 'Cluster sim-east' });
    expect(within(east).queryByRole('alert')).toBeNull();
    expect(
      within(east).getByText('15 GiB of 20 GiB cached (75% full)'),
    ).toBeInTheDocument();
    // The failed cluster comes first.
    const regions = screen.getAllByRole('region', { name: /^Cluster / });
    expect(regions.map(r => r.getAttribute('aria-label'))).toEqual([
      'Cluster sim-west',
      'Cluster sim-east',
    ]);
  });

  it('still shows the datasets when the clusters may not be listed', async () => {
    server.use(
      handlers.entity(
        entityResponse([dataset()], {
          errors: [{ cluster: 'sim-west', message: 'timeout' }],
        }),
      ),
      http.get(`${BASE_URL}/v1/clusters`, () =>
        backendError(403, 'NotAllowedError', 'Not allowed'),
      ),
      handlers.history([]),
    );
    render();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Cluster sim-west unreachable: timeout; never synced',
    );
    expect(await datasetCard()).toBeInTheDocument();
  });

  it('says which annotation to add, with an example to copy, and asks nothing', async () => {
    // No handlers: any request would fail the test (msw's unhandled requests).
    render(notLinked);
    expect(
      await screen.findByText('No Fluid dataset is linked to this entity'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('fluid.io/dataset').length).toBeGreaterThan(0);
    // The snippet is highlighted lazily.
    const example = await screen.findByText(
      (_, element) =>
        element?.tagName === 'CODE' &&
        /fluid\.io\/dataset: default\/plain-service/.test(
          element.textContent ?? '',
        ),
    );
    expect(example).toHaveTextContent(
      '# Or: every dataset labelled backstage.io/kubernetes-id=plain-service.',
    );
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
  });

  it('explains an empty answer: no clusters configured', async () => {
    serve(entityResponse([]), []);
    render();
    expect(
      await screen.findByText('No Fluid datasets found for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Looked for fluid.io\/dataset: model-serving\/llama-chat and backstage.io\/kubernetes-id: llama-chat\. The Fluid backend has no clusters configured/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend message of an API error', async () => {
    server.use(
      handlers.entity(() =>
        backendError(
          400,
          'InputError',
          'component:default/llama-chat: fluid.io/dataset entry "x" is not [<cluster>:]<namespace>/<name>',
        ),
      ),
      handlers.clusters([]),
    );
    render();
    expect(
      await screen.findByText(
        /Error: component:default\/llama-chat: fluid.io\/dataset entry "x" is not \[<cluster>:\]<namespace>\/<name> \(HTTP 400\)/,
      ),
    ).toBeInTheDocument();
  });

  it('says when the backend plugin is not installed', async () => {
    server.use(
      http.get(`${BASE_URL}/*`, () => new HttpResponse(null, { status: 404 })),
    );
    render();
    expect(
      await screen.findByRole('heading', {
        name: /The Fluid backend plugin is not installed: .*\/api\/fluid\/v1\/entity/,
      }),
    ).toBeInTheDocument();
  });

  it('refreshes on demand: a dataset that fails shows unhealthy after refresh', async () => {
    let answer = entityResponse([dataset()]);
    server.use(
      http.get(`${BASE_URL}/v1/entity`, () => HttpResponse.json(answer)),
      handlers.clusters([cluster()]),
      handlers.history([]),
    );
    render();
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Healthy' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/auto-refresh off/)).toBeInTheDocument();

    answer = entityResponse([unhealthyDataset]);
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(
      await screen.findByRole('heading', { level: 2, name: 'Unhealthy' }),
    ).toBeInTheDocument();
  });

  it('keeps the data on screen when a refresh fails', async () => {
    let fail = false;
    server.use(
      http.get(`${BASE_URL}/v1/entity`, () =>
        fail
          ? backendError(503, 'ServiceUnavailableError', 'backend restarting')
          : HttpResponse.json(entityResponse([dataset()])),
      ),
      handlers.clusters([cluster()]),
      handlers.history([]),
    );
    render();
    await datasetCard();
    fail = true;
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(
      await screen.findByText(/Refresh failed; showing the data loaded at/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('backend restarting (HTTP 503)'),
    ).toBeInTheDocument();
    expect(await datasetCard()).toBeInTheDocument();
  });

  it('refreshes on the interval from config', async () => {
    let requests = 0;
    server.use(
      http.get(`${BASE_URL}/v1/entity`, () => {
        requests += 1;
        return HttpResponse.json(entityResponse([dataset()]));
      }),
      handlers.clusters([cluster()]),
      handlers.history([]),
    );
    render(llamaChat, 0.05);
    expect(
      await screen.findByText(/refreshes every 0.05 s/),
    ).toBeInTheDocument();
    await waitFor(() => expect(requests).toBeGreaterThanOrEqual(3));
  });

  it('names the config key when the interval is unusable', async () => {
    serve(entityResponse([dataset()]));
    render(llamaChat, -1);
    expect(
      await screen.findAllByText(
        /fluid.frontend.refreshIntervalSeconds must be 0 \(off\) or a number of seconds above 0, not -1/,
      ),
    ).not.toHaveLength(0);
  });
});
