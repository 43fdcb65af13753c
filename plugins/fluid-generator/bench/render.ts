// How long the generator takes per repository: renders each backend type N
// times (after a warm-up) and prints mean, p50 and p99. A figure to read,
// not a test: `yarn bench:generator [N]`.
import { renderModelCacheRepository } from '../src';
import { inputMatrix } from '../src/__testUtils__/matrix';

const runs = Number(process.argv[2] ?? 500);
const warmup = Math.min(100, runs);

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

const cases = inputMatrix().filter(
  c => c.withModels && c.metadataBackend === 'kubernetes',
);
const rows: string[][] = [];
for (const { backendCase, input } of cases) {
  for (let i = 0; i < warmup; i++) renderModelCacheRepository(input);
  const times: number[] = [];
  let files = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const repository = renderModelCacheRepository(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    files = repository.files.length;
    bytes = repository.files.reduce((sum, f) => sum + f.content.length, 0);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  rows.push([
    backendCase.label,
    String(files),
    String(bytes),
    mean.toFixed(2),
    percentile(times, 50).toFixed(2),
    percentile(times, 99).toFixed(2),
  ]);
}

const header = ['backend', 'files', 'bytes', 'mean ms', 'p50 ms', 'p99 ms'];
const widths = header.map((h, i) =>
  Math.max(h.length, ...rows.map(r => r[i].length)),
);
const line = (cells: string[]) =>
  cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
    .join('  ');
process.stdout.write(
  `fluid-model-cache renderer: ${runs} renders per backend (after ${warmup} warm-up), Node ${process.version}\n` +
    `(kubernetes registry, two models)\n\n${line(header)}\n${rows
      .map(line)
      .join('\n')}\n`,
);
