import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator } from '../simulator';
import { eventually } from '../__testUtils__';
import { loadScenario } from './scenario';

jest.setTimeout(60_000);

const demo = path.join(__dirname, '..', '..', 'scenarios', 'demo.yaml');

function scenarioFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-'));
  const file = path.join(dir, 'scenario.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('scenario files', () => {
  it('reads the demo scenario: two simulated clusters sharing the speech objects', () => {
    const clusters = loadScenario(demo);
    expect(clusters.map(c => [c.name, c.port, c.title])).toEqual([
      ['sim-east', 16443, 'East (simulated)'],
      ['sim-west', 16444, 'West (simulated)'],
    ]);
    const ids = (i: number) =>
      new Set(
        clusters[i].objects!.map(o =>
          typeof o === 'string'
            ? o
            : o.metadata.labels?.['backstage.io/kubernetes-id'],
        ),
      );
    expect([...ids(0)]).toEqual(
      expect.arrayContaining([
        'llama-chat',
        'embeddings',
        'whisper-transcribe',
      ]),
    );
    expect([...ids(1)].filter(Boolean)).toEqual(['whisper-transcribe']);
  });

  it('brings the demo objects up with the controller', async () => {
    const [east] = loadScenario(demo);
    const simulator = await startSimulator({
      ...east,
      port: 0,
      controller: { speed: 10 },
    });
    try {
      const find = (plural: string, ns: string, name: string) =>
        simulator.cluster.find('data.fluid.io', plural, ns, name)?.status;
      for (const [ns, name] of [
        ['model-serving', 'llama-chat'],
        ['model-serving', 'embeddings'],
        ['speech', 'whisper-transcribe'],
      ]) {
        await eventually(
          () =>
            find('datasets', ns, name)?.phase === 'Bound' ? true : undefined,
          20_000,
          name,
        );
      }
      // Running model servers mount the PVC: the runtime's fuses come up.
      await eventually(
        () =>
          find('alluxioruntimes', 'model-serving', 'llama-chat')
            ?.fuseNumberReady > 0
            ? true
            : undefined,
        20_000,
        'fuses',
      );
      const pods = simulator.cluster.store
        .bucket('/pods')
        .list('model-serving');
      expect(
        pods.filter(
          p =>
            p.object.metadata.labels?.['backstage.io/kubernetes-id'] ===
            'llama-chat',
        ),
      ).toHaveLength(2);
    } finally {
      await simulator.stop();
    }
  });

  it('names the field of a bad scenario', () => {
    const file = scenarioFile(
      'clusters:\n  - name: East\n    events:\n      - { at: soon, action: workerDown, dataset: a/b }\n',
    );
    expect(() => loadScenario(file)).toThrow(
      /clusters\.0\.name: must be a lowercase DNS label/,
    );
    expect(() => loadScenario(file)).toThrow(/clusters\.0\.events\.0\.at/);
    const unknown = scenarioFile('clusters:\n  - name: east\n    latency: 5\n');
    expect(() => loadScenario(unknown)).toThrow(/Unrecognized key.*latency/);
  });
});
