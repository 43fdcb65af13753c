// Inputs covering every backend (bundled and external JuiceFS) × ModelExpress
// registry × with and without models, for tests and the benchmark.
import { BackendType, ModelCacheInput } from '../schema';

/** A named backend configuration. */
export interface BackendCase {
  label: string;
  type: BackendType;
  backend: ModelCacheInput['backend'];
}

/** One backend of each type; JuiceFS both bundled and external. */
export const BACKEND_CASES: BackendCase[] = [
  {
    label: 'juicefs (bundled)',
    type: 'juicefs',
    backend: { type: 'juicefs', bundled: true },
  },
  {
    label: 'juicefs (external)',
    type: 'juicefs',
    backend: {
      type: 'juicefs',
      bundled: false,
      metaurlSecret: { name: 'jfs', key: 'metaurl' },
      storage: 's3',
      bucket: 'https://s3.us-east-1.amazonaws.com/model-cache',
      credentialsSecret: {
        name: 'jfs',
        accessKeyKey: 'access-key',
        secretKeyKey: 'secret-key',
      },
      subPath: '/models',
    },
  },
  {
    label: 'alluxio-nfs',
    type: 'alluxio-nfs',
    backend: {
      type: 'alluxio-nfs',
      server: 'nfs.example.internal',
      path: '/exports/models',
    },
  },
  {
    label: 'alluxio-hostpath',
    type: 'alluxio-hostpath',
    backend: {
      type: 'alluxio-hostpath',
      nodeSelector: { 'fluid.io/model-cache': 'true' },
    },
  },
  {
    label: 'alluxio-s3',
    type: 'alluxio-s3',
    backend: {
      type: 'alluxio-s3',
      bucket: 'model-weights',
      prefix: 'hub',
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      credentialsSecret: {
        name: 's3-keys',
        accessKeyKey: 'aws.accessKeyId',
        secretKeyKey: 'aws.secretKey',
      },
    },
  },
];

/** One input of the matrix, with a readable label. */
export interface MatrixCase {
  label: string;
  backendCase: BackendCase;
  metadataBackend: 'kubernetes' | 'redis';
  withModels: boolean;
  input: ModelCacheInput;
}

/** Every backend × metadata backend × with/without models. */
export function inputMatrix(): MatrixCase[] {
  return BACKEND_CASES.flatMap(backendCase =>
    (['kubernetes', 'redis'] as const).flatMap(metadataBackend =>
      [true, false].map(withModels => ({
        label: `${backendCase.label}, ${metadataBackend} registry, ${
          withModels ? 'with' : 'without'
        } models`,
        backendCase,
        metadataBackend,
        withModels,
        input: {
          name: 'llama-cache',
          namespace: 'model-serving',
          owner: 'group:default/ml-platform',
          description: 'Llama weights for the chat service',
          backend: backendCase.backend,
          modelExpress:
            metadataBackend === 'redis'
              ? {
                  metadataBackend,
                  redisUrl: 'redis://mx-registry.model-serving.svc:6379/0',
                  hfTokenSecret: { name: 'hf', key: 'token' },
                }
              : { metadataBackend },
          models: withModels
            ? ['meta-llama/Llama-3.1-8B-Instruct', 'Qwen/Qwen2.5-7B-Instruct']
            : [],
        },
      })),
    ),
  );
}
