// The Secrets the generated objects reference. The repository never holds
// their values: it gets an example with placeholders, outside the
// kustomization, and the README says how to create each one.
import { ModelCacheValues } from '../validate';
import { labels, objectNames } from './common';
import { usesHfToken } from './modelexpress';

/** One key of a Secret the user creates, and what to put in it. */
export interface SecretKey {
  key: string;
  /** What the value is, shown as the placeholder. */
  description: string;
  /** A value that is not a credential and can be written out as is. */
  value?: string;
}

/** A Secret the generated objects need, in the cache namespace. */
export interface RequiredSecret {
  name: string;
  /** Who reads it, for the README. */
  usedBy: string;
  keys: SecretKey[];
}

/** Every Secret to create before `kubectl apply -k deploy`, merged by name. */
export function requiredSecrets(values: ModelCacheValues): RequiredSecret[] {
  const secrets: RequiredSecret[] = [];
  const add = (name: string, usedBy: string, key: SecretKey) => {
    let secret = secrets.find(s => s.name === name);
    if (!secret) {
      secret = { name, usedBy, keys: [] };
      secrets.push(secret);
    } else if (!secret.usedBy.includes(usedBy)) {
      secret.usedBy = `${secret.usedBy}; ${usedBy}`;
    }
    if (!secret.keys.some(k => k.key === key.key)) secret.keys.push(key);
  };
  const backend = values.backend;
  if (backend.type === 'juicefs' && backend.bundled) {
    const names = objectNames(values);
    const usedBy = 'the Dataset (JuiceFS) and the bundled MinIO';
    add(names.bundledSecret, usedBy, {
      key: 'metaurl',
      description: 'metadata engine URL',
      // The bundled Redis has no password; this URL is not a credential.
      value: `redis://${names.redis}.${values.namespace}.svc.cluster.local:6379/1`,
    });
    add(names.bundledSecret, usedBy, {
      key: 'access-key',
      description: 'a MinIO user name of your choice, at least 3 characters',
    });
    add(names.bundledSecret, usedBy, {
      key: 'secret-key',
      description: 'a MinIO password of your choice, at least 8 characters',
    });
  } else if (backend.type === 'juicefs') {
    const usedBy = 'the Dataset (JuiceFS)';
    add(backend.metaurlSecret!.name, usedBy, {
      key: backend.metaurlSecret!.key,
      description:
        'JuiceFS metadata engine URL, e.g. redis://host:6379/1 or postgres://user:password@host:5432/juicefs',
    });
    if (backend.credentialsSecret) {
      const { name, accessKeyKey, secretKeyKey } = backend.credentialsSecret;
      add(name, usedBy, {
        key: accessKeyKey,
        description: 'object storage access key',
      });
      add(name, usedBy, {
        key: secretKeyKey,
        description: 'object storage secret key',
      });
    }
  } else if (backend.type === 'alluxio-s3') {
    const { name, accessKeyKey, secretKeyKey } = backend.credentialsSecret;
    const usedBy = 'the Dataset (Alluxio S3 under storage)';
    add(name, usedBy, { key: accessKeyKey, description: 'S3 access key id' });
    add(name, usedBy, {
      key: secretKeyKey,
      description: 'S3 secret access key',
    });
  }
  const mx = values.modelExpress;
  if (mx.redisUrlSecret) {
    add(mx.redisUrlSecret.name, 'the ModelExpress server (REDIS_URL)', {
      key: mx.redisUrlSecret.key,
      description:
        'redis:// URL of the ModelExpress registry, with its password',
    });
  }
  if (mx.hfTokenSecret && usesHfToken(values)) {
    add(mx.hfTokenSecret.name, 'model downloads (HF_TOKEN)', {
      key: mx.hfTokenSecret.key,
      description: 'Hugging Face access token (hf_…) for gated models',
    });
  }
  return secrets;
}

/** `secrets.example.yaml`: the Secrets with placeholders, not values. */
export function exampleSecrets(values: ModelCacheValues) {
  return requiredSecrets(values).map(secret => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: secret.name,
      namespace: values.namespace,
      labels: labels(values, 'secret'),
    },
    type: 'Opaque',
    stringData: Object.fromEntries(
      secret.keys.map(k => [k.key, k.value ?? `<${k.description}>`]),
    ),
  }));
}
