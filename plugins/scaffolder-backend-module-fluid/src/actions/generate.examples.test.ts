import fs from 'node:fs';
import path from 'node:path';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse } from 'yaml';
import { createFluidModelCacheGenerateAction } from './generate';
import { examples } from './generate.examples';

describe('fluid:model-cache:generate examples', () => {
  it.each(examples.map(e => [e.description, e.example]))(
    '%s',
    async (_description, example) => {
      const action = createFluidModelCacheGenerateAction();
      const [step] = parse(example).steps;
      expect(step.action).toBe(action.id);
      const ctx = createMockActionContext({ input: step.input });
      await action.handler(ctx);
      const root = path.join(ctx.workspacePath, step.input.targetPath ?? '');
      for (const file of [
        'catalog-info.yaml',
        'deploy/kustomization.yaml',
        'deploy/dataset.yaml',
        'mkdocs.yml',
      ]) {
        expect(fs.existsSync(path.join(root, file))).toBe(true);
      }
      expect(ctx.output).toHaveBeenCalledWith('datasetName', step.input.name);
    },
  );
});
