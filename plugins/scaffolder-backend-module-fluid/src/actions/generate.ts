import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ModelCacheInputError,
  modelCacheInputSchema,
  renderModelCacheRepository,
} from '@internal/plugin-fluid-generator';
import { examples } from './generate.examples';

/** The id under which templates call the action. */
export const FLUID_MODEL_CACHE_GENERATE = 'fluid:model-cache:generate';

// Resolves targetPath inside the workspace, or says that it is not.
function targetDirectory(workspacePath: string, targetPath: unknown): string {
  if (targetPath === undefined) return workspacePath;
  if (typeof targetPath !== 'string') {
    throw new InputError('Invalid input: targetPath: must be a string');
  }
  try {
    return resolveSafeChildPath(workspacePath, targetPath);
  } catch {
    throw new InputError(
      `Invalid input: targetPath: ${targetPath} is outside the workspace; give a path relative to it`,
    );
  }
}

/**
 * Creates the `fluid:model-cache:generate` action: renders a
 * ModelExpress-with-Fluid repository (Kustomize base, example Secrets,
 * catalog-info.yaml, TechDocs) into the workspace.
 *
 * @public
 */
export function createFluidModelCacheGenerateAction() {
  return createTemplateAction({
    id: FLUID_MODEL_CACHE_GENERATE,
    description:
      'Writes a repository that runs NVIDIA ModelExpress on a Fluid-cached volume (JuiceFS or Alluxio over NFS, a host directory or S3): Kustomize base, example Secrets, catalog-info.yaml and TechDocs.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z =>
        modelCacheInputSchema.extend({
          targetPath: z
            .string()
            .optional()
            .describe(
              'Where to write, relative to the workspace; defaults to its root',
            ),
        }),
      output: z =>
        z.object({
          datasetName: z.string().describe('Name of the Dataset and runtime'),
          namespace: z
            .string()
            .describe('Namespace of every namespaced object'),
          entityRef: z
            .string()
            .describe('Reference of the generated catalog Component'),
          manifestsPath: z
            .string()
            .describe('The Kustomize base, relative to the workspace'),
          files: z
            .array(z.string())
            .describe('Every file written, relative to the workspace'),
          warnings: z
            .array(z.string())
            .describe('Accepted input that does not do what it seems to'),
        }),
    },
    async handler(ctx) {
      // The scaffolder checks the input against the JSON Schema only: zod's
      // defaults and refinements never ran, so validate the whole input here,
      // before anything is written.
      const { targetPath, ...values } = ctx.input as Record<string, unknown>;
      const problems: string[] = [];
      let root: string | undefined;
      try {
        root = targetDirectory(ctx.workspacePath, targetPath);
      } catch (error) {
        problems.push((error as Error).message.replace(/^Invalid input: /, ''));
      }
      let repository;
      try {
        repository = renderModelCacheRepository(values);
      } catch (error) {
        if (!(error instanceof ModelCacheInputError)) throw error;
        problems.push(...error.issues.map(i => `${i.path}: ${i.message}`));
      }
      if (problems.length > 0 || !repository || !root) {
        throw new InputError(
          `Invalid input to ${FLUID_MODEL_CACHE_GENERATE} (${problems.length} ${
            problems.length === 1 ? 'problem' : 'problems'
          }):\n${problems.map(p => `  - ${p}`).join('\n')}`,
        );
      }
      const destinations = repository.files.map(file => ({
        file,
        destination: resolveSafeChildPath(root, file.path),
      }));
      for (const warning of repository.warnings) ctx.logger.warn(warning);
      ctx.logger.info(
        `Writing ${destinations.length} files for Dataset ${
          repository.summary.namespace
        }/${repository.summary.datasetName}${
          ctx.isDryRun ? ' (dry run: the workspace is all it touches)' : ''
        }`,
      );
      for (const { file, destination } of destinations) {
        await fs.mkdir(path.dirname(destination), { recursive: true });
        await fs.writeFile(destination, file.content);
      }
      const relative = (p: string) =>
        path.relative(ctx.workspacePath, path.join(root, p)) || '.';
      ctx.output('datasetName', repository.summary.datasetName);
      ctx.output('namespace', repository.summary.namespace);
      ctx.output('entityRef', repository.summary.entityRef);
      ctx.output('manifestsPath', relative(repository.summary.manifestsPath));
      ctx.output(
        'files',
        repository.files.map(f => relative(f.path)),
      );
      ctx.output('warnings', repository.warnings);
    },
  });
}
