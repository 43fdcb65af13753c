import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// Backstage packages are released in trains that do not mix (a backend-defaults
// of one train with a backend-plugin-api of another fails at start-up). The
// lockfile must hold exactly one version of every @backstage package, and the
// root resolutions that hold the train together must be what got installed.

const repoRoot = path.resolve(__dirname, '../../..');
const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));

function lockedBackstageVersions(): Map<string, Set<string>> {
  const lock = parse(fs.readFileSync(path.join(repoRoot, 'yarn.lock'), 'utf8'));
  const versions = new Map<string, Set<string>>();
  for (const [descriptors, entry] of Object.entries<{ version: string }>(
    lock,
  )) {
    const name = descriptors.match(/^(@backstage\/[^@]+)@/)?.[1];
    if (!name) continue;
    if (!versions.has(name)) versions.set(name, new Set());
    versions.get(name)!.add(entry.version);
  }
  return versions;
}

describe('the Backstage release train', () => {
  const locked = lockedBackstageVersions();

  it('installs one version of every @backstage package', () => {
    const mixed = [...locked]
      .filter(([, versions]) => versions.size > 1)
      .map(([name, versions]) => `${name}: ${[...versions].join(', ')}`);
    expect(locked.size).toBeGreaterThan(50);
    expect(mixed).toEqual([]);
  });

  it('installs what the root resolutions pin', () => {
    const { resolutions } = readJson('package.json');
    const drift = Object.entries<string>(resolutions)
      .filter(([name]) => name.startsWith('@backstage/'))
      .filter(([name, version]) => {
        const installed = locked.get(name);
        return installed && !(installed.size === 1 && installed.has(version));
      });
    expect(drift).toEqual([]);
  });

  it('pins the direct @backstage dependencies of the app packages exactly', () => {
    const loose = [
      'package.json',
      'packages/app/package.json',
      'packages/backend/package.json',
    ].flatMap(file => {
      const manifest = readJson(file);
      return Object.entries<string>({
        ...manifest.dependencies,
        ...manifest.devDependencies,
      })
        .filter(([name]) => name.startsWith('@backstage/'))
        .filter(([, range]) => !/^\d+\.\d+\.\d+$/.test(range))
        .map(([name, range]) => `${file}: ${name}@${range}`);
    });
    expect(loose).toEqual([]);
  });

  it('records the release in backstage.json', () => {
    expect(readJson('backstage.json')).toEqual({ version: '1.55.0' });
  });
});
