// Defaults and limits of the generator, each with the reason it has this value.

/**
 * The ModelExpress server image, pinned. 0.5.1 is the newest release
 * (ai-dynamo/modelexpress tag v0.5.1, 2026-08-19). Anything from 0.4.0 on keeps
 * its registry in Redis or Kubernetes CRs (`MX_METADATA_BACKEND`, required);
 * 0.3.0 and older used a SQLite `models.db`. Released servers expose gRPC only
 * (port 8001) and the standard gRPC health service, no HTTP `/health`.
 */
export const DEFAULT_MODELEXPRESS_IMAGE =
  'nvcr.io/nvidia/ai-dynamo/modelexpress-server:0.5.1';

/** ModelExpress's gRPC port (`DEFAULT_GRPC_PORT` in modelexpress_common). */
export const MODELEXPRESS_GRPC_PORT = 8001;

/** The Helm chart's defaults for the server (helm/values.yaml upstream). */
export const DEFAULT_MODELEXPRESS_RESOURCES = {
  requests: { cpu: '200m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};

/** Re-warm hourly: cheap when the data is cached, and it heals evictions. */
export const DEFAULT_WARMUP_SCHEDULE = '0 * * * *';

/**
 * Longest `name`. Fluid's warm-up DataLoad `<name>-warmup` runs as a CronJob
 * named `<dataload>-loader-job`, and Kubernetes caps CronJob names at 52
 * characters: 52 - len("-warmup-loader-job") = 34.
 */
export const MAX_NAME_LENGTH = 34;

/** Where the ModelExpress pod mounts the Fluid volume. */
export const CACHE_MOUNT_PATH = '/cache';

/** The Dataset mount name for Alluxio; its files appear under `/<name>`. */
export const ALLUXIO_MOUNT_NAME = 'models';

/** Images of the bundled JuiceFS metadata engine and object store. */
export const DEFAULT_REDIS_IMAGE = 'redis:7.4-alpine';
/**
 * MinIO moved its community edition to source-only releases in late 2025;
 * this is a widely mirrored release tag. Override with bundledStorage.minioImage.
 */
export const DEFAULT_MINIO_IMAGE = 'minio/minio:RELEASE.2025-04-22T22-12-26Z';
