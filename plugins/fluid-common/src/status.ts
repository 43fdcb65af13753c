// Parsing of the strings Fluid writes into status fields. Fluid formats them for
// `kubectl get` (pkg/utils/byte_size.go: "%.2f" plus a binary unit, "%.1f%%"),
// older releases print "4GiB", "0B", "0%", and any field may be "" (not sampled
// yet) or "[Calculating]" (metadata sync running). Whatever does not parse is
// unknown: null, never 0.

const BYTES = /^(\d+(?:\.\d+)?) ?(?:([KMGTPE])(i)?)?B$/;
const PERCENT = /^(\d+(?:\.\d+)?) ?%$/;
const INTEGER = /^\d+$/;
const UNITS = ['K', 'M', 'G', 'T', 'P', 'E'];

/**
 * Bytes from a Fluid size string: `"1.92GiB"`, `"443.50MiB"`, `"4GiB"`, `"0B"`.
 * Units without `i` (`"4GB"`) are decimal. Returns null for `""`,
 * `"[Calculating]"` and anything else that is not a size.
 *
 * @public
 */
export function parseBytes(value: string | undefined | null): number | null {
  const match = value?.trim().match(BYTES);
  if (!match) return null;
  const [, amount, unit, binary] = match;
  const exponent = unit ? UNITS.indexOf(unit) + 1 : 0;
  return Math.round(Number(amount) * (binary ? 1024 : 1000) ** exponent);
}

/**
 * A fraction from 0 to 1 from a Fluid percentage string: `"86.4%"` → 0.864,
 * `"0%"` → 0. Returns null for `""`, `"[Calculating]"`, values above 100 % and
 * anything else that is not a percentage.
 *
 * @public
 */
export function parseRatio(value: string | undefined | null): number | null {
  const match = value?.trim().match(PERCENT);
  if (!match) return null;
  const percent = Number(match[1]);
  if (percent > 100) return null;
  // Round away binary noise: "86.4%" is 0.864, not 0.8640000000000001.
  return Math.round(percent * 1000) / 100000;
}

/**
 * A count from a Fluid integer string such as `fileNum: "37"`; null otherwise.
 *
 * @public
 */
export function parseCount(value: string | undefined | null): number | null {
  const text = value?.trim();
  return text && INTEGER.test(text) ? Number(text) : null;
}

const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
const DURATION = /^(?:\d+(?:\.\d+)?(?:h|ms|m|s|us|µs|ns))+$/;
const SECONDS_PER_UNIT: Record<string, number> = {
  h: 3600,
  m: 60,
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  ns: 1e-9,
};

/**
 * Seconds from a Go duration string (DataLoad `status.duration`, runtime
 * `setupDuration`): `"3m2s"` → 182. Returns null for `"Unfinished"` (still
 * running), `"-"` (a Cron re-run) and anything else.
 *
 * @public
 */
export function parseGoDuration(
  value: string | undefined | null,
): number | null {
  const text = value?.trim();
  if (!text || !DURATION.test(text)) return null;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(DURATION_PART)) {
    seconds += Number(amount) * SECONDS_PER_UNIT[unit];
  }
  return seconds;
}

const QUANTITY = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const QUANTITY_FACTORS: Record<string, number> = {
  '': 1,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * Bytes from a Kubernetes quantity as used by tieredstore quotas (`"2Gi"`,
 * `"500M"`, `10737418240`). Returns null for anything that is not a quantity,
 * such as `"2GB"`.
 *
 * @public
 */
export function parseQuantity(
  value: string | number | undefined | null,
): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value : null;
  }
  const match = value?.trim().match(QUANTITY);
  if (!match) return null;
  return Math.round(Number(match[1]) * QUANTITY_FACTORS[match[2] ?? '']);
}

/**
 * A watermark fraction (tieredstore `high`/`low`, strings such as `"0.95"`).
 *
 * @public
 */
export function parseWatermark(
  value: string | number | undefined | null,
): number | null {
  if (value === undefined || value === null || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 && number <= 1 ? number : null;
}
