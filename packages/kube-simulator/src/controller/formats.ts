/**
 * Fluid's value formats (pkg/utils/byte_size.go and the `%.1f%%` ratios in
 * pkg/ddc/*\/cache.go), and Kubernetes quantities.
 */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** `utils.BytesSize`: two decimals and a binary unit, e.g. `1.92GiB`, `0.00B`. */
export function bytesSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)}${UNITS[unit]}`;
}

/** Parses `bytesSize` output back (and the older `4GiB` / `0B` forms). */
export function parseBytesSize(text: string | undefined): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s?([KMGTPE]i)?B$/.exec(text ?? '');
  if (!match) return undefined;
  const power = match[2] ? ' KMGTPE'.indexOf(match[2][0]) : 0;
  return Number(match[1]) * 1024 ** power;
}

/** `"%.1f%%"`, e.g. `86.4%`. */
export function percent(ratio: number): string {
  return `${(Math.min(1, Math.max(0, ratio)) * 100).toFixed(1)}%`;
}

const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** A resource.Quantity (`2Gi`, `500M`, `1e9`, `1024`) in base units. */
export function parseQuantity(value: unknown): number {
  if (typeof value === 'number') return value;
  const match =
    /^([+-]?\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(
      String(value ?? '').trim(),
    );
  if (!match) return 0;
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  if (suffix.endsWith('i'))
    return number * 1024 ** ' KMGTPE'.indexOf(suffix[0]);
  if (/^[eE]/.test(suffix)) return number * 10 ** Number(suffix.slice(1));
  return number * DECIMAL[suffix];
}

/** A stable pseudo-random number in [0, 1) from a string. */
export function hashFraction(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) / 2 ** 32;
}
