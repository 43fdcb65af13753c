import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  parseBytes,
  parseCount,
  parseGoDuration,
  parseQuantity,
  parseRatio,
  parseWatermark,
} from './status';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('parseBytes', () => {
  it.each([
    // Current format (pkg/utils/byte_size.go, "%.2f" + binary unit)
    ['1.92GiB', Math.round(1.92 * GiB)],
    ['4.00GiB', 4 * GiB],
    ['443.50MiB', Math.round(443.5 * MiB)],
    ['0.00B', 0],
    ['12.00KiB', 12 * 1024],
    ['1.50TiB', Math.round(1.5 * 1024 ** 4)],
    // Old releases and docs (issue #214)
    ['4GiB', 4 * GiB],
    ['0B', 0],
    ['512MiB', 512 * MiB],
    // Decimal units, with a space
    ['4GB', 4e9],
    ['1.5 MB', 1.5e6],
  ])('%j → %d bytes', (text, bytes) => {
    expect(parseBytes(text)).toBe(bytes);
  });

  it.each([
    [''],
    ['[Calculating]'],
    ['N/A'],
    ['4Gi'],
    ['-1GiB'],
    ['GiB'],
    ['1.2.3GiB'],
    [undefined],
    [null],
  ])('%j → null', text => {
    expect(parseBytes(text)).toBeNull();
  });
});

describe('parseRatio', () => {
  it.each([
    ['86.4%', 0.864],
    ['100.0%', 1],
    ['0.0%', 0],
    ['0%', 0],
    ['15.2%', 0.152],
    ['71.2 %', 0.712],
  ])('%j → %d', (text, fraction) => {
    expect(parseRatio(text)).toBe(fraction);
  });

  it.each([[''], ['[Calculating]'], ['86.4'], ['101%'], ['-1%'], [undefined]])(
    '%j → null',
    text => {
      expect(parseRatio(text)).toBeNull();
    },
  );
});

describe('parseCount', () => {
  it.each([
    ['37', 37],
    ['0', 0],
  ])('%j → %d', (text, count) => expect(parseCount(text)).toBe(count));
  it.each([[''], ['[Calculating]'], ['3.5'], [undefined]])('%j → null', text =>
    expect(parseCount(text)).toBeNull(),
  );
});

describe('parseGoDuration', () => {
  it.each([
    ['3m2s', 182],
    ['1m21s', 81],
    ['1h0m0s', 3600],
    ['45s', 45],
    ['1.5s', 1.5],
    ['250ms', 0.25],
  ])('%j → %d s', (text, seconds) => {
    expect(parseGoDuration(text)).toBeCloseTo(seconds, 6);
  });
  it.each([['Unfinished'], ['-'], [''], ['3 minutes'], [undefined]])(
    '%j → null',
    text => expect(parseGoDuration(text)).toBeNull(),
  );
});

describe('parseQuantity', () => {
  it.each<[string | number, number]>([
    ['2Gi', 2 * GiB],
    ['10Gi', 10 * GiB],
    ['500Mi', 500 * MiB],
    ['1G', 1e9],
    ['100k', 1e5],
    ['40960', 40960],
    [40960, 40960],
  ])('%j → %d bytes', (quantity, bytes) => {
    expect(parseQuantity(quantity)).toBe(bytes);
  });
  it.each([['2GB'], ['2 Gi'], [''], ['-1Gi'], [undefined]])(
    '%j → null',
    quantity => expect(parseQuantity(quantity)).toBeNull(),
  );
});

describe('parseWatermark', () => {
  it('reads the quoted fractions of tieredstore levels', () => {
    expect(parseWatermark('0.95')).toBe(0.95);
    expect(parseWatermark('0.7')).toBe(0.7);
    expect(parseWatermark(undefined)).toBeNull();
    expect(parseWatermark('95%')).toBeNull();
    expect(parseWatermark('1.5')).toBeNull();
  });
});

// The composed Fluid example objects of @internal/crds, read as data (this
// package is isomorphic and does not import node libraries).
function loadExampleObjects(): any[] {
  const crds = path.dirname(require.resolve('@internal/crds/package.json'));
  const dir = path.join(crds, 'fluid', 'examples');
  return fs
    .readdirSync(dir)
    .flatMap(file =>
      parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map(d =>
        d.toJS(),
      ),
    );
}

describe('the example objects', () => {
  // Every status string in the composed Fluid examples parses.
  const statuses = loadExampleObjects()
    .filter(o => o?.status?.cacheStates)
    .map(o => [`${o.kind} ${o.metadata.name}`, o.status] as const);

  it.each(statuses)('%s: cacheStates and ufsTotal parse', (_, status) => {
    const states: Record<string, string> = status.cacheStates;
    for (const [key, value] of Object.entries(states)) {
      const parsed = /Ratio|Percentage/.test(key)
        ? parseRatio(value)
        : parseBytes(value);
      expect({ key, value, parsed }).toEqual({
        key,
        value,
        parsed: expect.any(Number),
      });
    }
    expect(parseBytes(status.ufsTotal ?? '0B')).toEqual(expect.any(Number));
  });

  it('includes the Alluxio example with its documented numbers', () => {
    const spark = statuses.find(([name]) => name === 'Dataset spark')?.[1];
    expect(parseBytes(spark.ufsTotal)).toBe(Math.round(1.92 * GiB));
    expect(parseBytes(spark.cacheStates.cacheCapacity)).toBe(4 * GiB);
    expect(parseRatio(spark.cacheStates.cachedPercentage)).toBe(1);
    expect(parseCount(spark.fileNum)).toBe(37);
  });
});
