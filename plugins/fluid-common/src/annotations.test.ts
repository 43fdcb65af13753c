import type { Entity } from '@backstage/catalog-model';
import {
  getEntityDatasetLinks,
  isFluidAvailable,
  parseDatasetAnnotation,
} from './annotations';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'llama-chat', annotations },
  spec: {},
});

describe('parseDatasetAnnotation', () => {
  it.each([
    [
      'model-serving/llama-chat',
      [{ namespace: 'model-serving', name: 'llama-chat' }],
    ],
    [
      'sim-east:speech/whisper, sim-west:speech/whisper',
      [
        { cluster: 'sim-east', namespace: 'speech', name: 'whisper' },
        { cluster: 'sim-west', namespace: 'speech', name: 'whisper' },
      ],
    ],
    [
      'prod_eu.1:ns/a1, ns/b',
      [
        { cluster: 'prod_eu.1', namespace: 'ns', name: 'a1' },
        { namespace: 'ns', name: 'b' },
      ],
    ],
  ])('%j', (value, selectors) => {
    expect(parseDatasetAnnotation(value)).toEqual(selectors);
  });

  it.each([
    ['', /is empty/],
    [' , ', /is empty/],
    ['llama-chat', /"llama-chat" is not \[<cluster>:\]<namespace>\/<name>/],
    ['a:b:ns/name', /is not \[<cluster>:\]<namespace>\/<name>/],
    ['ns/name/extra', /is not \[<cluster>:\]<namespace>\/<name>/],
    ['Model/llama', /"Model" is not a valid namespace/],
    ['ns/1llama', /"1llama" is not a valid dataset name/],
    ['ns/llama_chat', /"llama_chat" is not a valid dataset name/],
    [`ns/${'a'.repeat(64)}`, /is not a valid dataset name/],
    ['bad cluster:ns/a', /"bad cluster" is not a valid cluster name/],
  ])('rejects %j', (value, message) => {
    expect(() => parseDatasetAnnotation(value)).toThrow(message);
  });
});

describe('getEntityDatasetLinks', () => {
  it('reads both annotations', () => {
    expect(
      getEntityDatasetLinks(
        entity({
          'fluid.io/dataset': 'model-serving/llama-chat',
          'backstage.io/kubernetes-id': 'llama-chat',
          'backstage.io/kubernetes-namespace': 'model-serving',
        }),
      ),
    ).toEqual({
      datasets: [{ namespace: 'model-serving', name: 'llama-chat' }],
      kubernetesId: 'llama-chat',
      kubernetesNamespace: 'model-serving',
    });
  });

  it('works with the kubernetes-id alone', () => {
    expect(
      getEntityDatasetLinks(entity({ 'backstage.io/kubernetes-id': 'x' })),
    ).toEqual({ datasets: [], kubernetesId: 'x' });
  });

  it('names the annotation when it is malformed', () => {
    expect(() =>
      getEntityDatasetLinks(entity({ 'fluid.io/dataset': 'nope' })),
    ).toThrow(/^fluid.io\/dataset entry "nope"/);
  });
});

describe('isFluidAvailable', () => {
  it.each([
    [{ 'fluid.io/dataset': 'ns/a' }, true],
    [{ 'backstage.io/kubernetes-id': 'a' }, true],
    [{ 'backstage.io/kubernetes-id': ' ' }, false],
    [{ 'backstage.io/techdocs-ref': 'dir:.' }, false],
    [{}, false],
  ])('%j → %s', (annotations, available) => {
    expect(isFluidAvailable(entity(annotations))).toBe(available);
  });
});
