import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

const step = (name: string, input: Record<string, unknown>) =>
  stringify({
    steps: [
      { action: 'fluid:model-cache:generate', id: 'generate', name, input },
    ],
  });

/** Examples shown on /create/actions; each one also runs as a test. */
export const examples: TemplateExample[] = [
  {
    description:
      'JuiceFS with an in-cluster Redis and MinIO, ModelExpress keeping its registry in Kubernetes, one model preloaded.',
    example: step('Generate the model cache', {
      name: 'llama-cache',
      namespace: 'model-serving',
      owner: 'group:default/ml-platform',
      backend: { type: 'juicefs', bundled: true },
      models: ['meta-llama/Llama-3.1-8B-Instruct'],
    }),
  },
  {
    description:
      "Alluxio over an NFS export with the guide's memory and SSD tiers, ModelExpress registry in Redis.",
    example: step('Generate the model cache', {
      name: 'embeddings-cache',
      namespace: 'model-serving',
      owner: 'group:default/ml-platform',
      backend: {
        type: 'alluxio-nfs',
        server: 'nfs.example.internal',
        path: '/exports/models',
      },
      cache: {
        replicas: 2,
        tiers: [
          {
            medium: 'MEM',
            path: '/dev/shm',
            quota: '4Gi',
            high: '0.95',
            low: '0.7',
          },
          {
            medium: 'SSD',
            path: '/cache',
            quota: '20Gi',
            high: '0.95',
            low: '0.7',
          },
        ],
      },
      modelExpress: {
        metadataBackend: 'redis',
        redisUrlSecret: { name: 'mx-redis', key: 'url' },
      },
    }),
  },
  {
    description: 'Alluxio over S3, written into a sub-folder of the workspace.',
    example: step('Generate the model cache', {
      name: 'whisper-cache',
      namespace: 'speech',
      owner: 'group:default/ml-platform',
      targetPath: 'cache',
      backend: {
        type: 'alluxio-s3',
        bucket: 'model-weights',
        endpoint: 'https://s3.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        credentialsSecret: {
          name: 's3-keys',
          accessKeyKey: 'access-key',
          secretKeyKey: 'secret-key',
        },
      },
      models: ['openai/whisper-large-v3'],
    }),
  },
];
