import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { describeZodError, faultPatchSchema } from '../faults';
import type { SimulatorOptions } from '../simulator';
import { StoredObject } from '../store/store';
import { scenarioEventSchema } from './events';

/**
 * A scenario file: the clusters to simulate, their objects, faults and timed
 * events. Relative paths are resolved from the file's folder. YAML anchors
 * under top-level `x-…` keys let clusters share objects.
 */
const clusterSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
        'must be a lowercase DNS label',
      ),
    title: z.string().optional(),
    port: z.number().int().min(0).max(65535).optional(),
    token: z.string().min(8).optional(),
    tls: z.boolean().optional(),
    controller: z
      .union([
        z.boolean(),
        z
          .object({
            speed: z.number().positive(),
            driftEveryMs: z.number().int().positive(),
          })
          .partial()
          .strict(),
      ])
      .optional(),
    crds: z.array(z.string()).optional(),
    // Items may be lists (YAML aliases of shared object lists).
    objects: z
      .array(
        z.union([
          z.record(z.string(), z.unknown()),
          z.array(z.record(z.string(), z.unknown())),
        ]),
      )
      .optional(),
    objectFiles: z.array(z.string()).optional(),
    syntheticDatasets: z.number().int().min(0).optional(),
    faults: faultPatchSchema.optional(),
    events: z.array(scenarioEventSchema).optional(),
  })
  .strict();

const scenarioSchema = z
  .object({ clusters: z.array(clusterSchema).min(1) })
  .strict();

export type ScenarioCluster = SimulatorOptions & { name: string };

/** Reads a scenario file into one options object per cluster. */
export function loadScenario(file: string): ScenarioCluster[] {
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'), { maxAliasCount: -1 });
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  // Top-level `x-…` keys hold YAML anchors for sharing, as in Compose files.
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    raw = Object.fromEntries(
      Object.entries(raw).filter(([key]) => !key.startsWith('x-')),
    );
  }
  const result = scenarioSchema.safeParse(raw);
  if (!result.success) throw new Error(describeZodError(result.error, file));
  const names = new Set<string>();
  const base = path.dirname(path.resolve(file));
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(base, p));
  return result.data.clusters.map((cluster, index) => {
    if (names.has(cluster.name)) {
      throw new Error(
        `${file}: clusters.${index}.name: duplicate cluster name ${cluster.name}`,
      );
    }
    names.add(cluster.name);
    return {
      name: cluster.name,
      title: cluster.title,
      port: cluster.port,
      token: cluster.token,
      tls: cluster.tls,
      controller: cluster.controller,
      crds: cluster.crds?.map(c => (c.includes('/') ? resolve(c) : c)),
      objects: [
        ...(cluster.objectFiles ?? []).map(resolve),
        ...((cluster.objects ?? []).flat() as unknown as StoredObject[]),
      ],
      syntheticDatasets: cluster.syntheticDatasets,
      faults: cluster.faults,
      events: cluster.events,
    };
  });
}
