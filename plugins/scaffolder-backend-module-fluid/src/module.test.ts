import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleFluid } from './module';

describe('scaffolderModuleFluid', () => {
  it('adds fluid:model-cache:generate to the scaffolder', async () => {
    const added: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: TemplateAction<any, any, any>[]) =>
              added.push(...actions),
          },
        ],
      ],
      features: [
        scaffolderModuleFluid,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    expect(added.map(action => [action.id, action.supportsDryRun])).toEqual([
      ['fluid:model-cache:generate', true],
    ]);
  });
});
