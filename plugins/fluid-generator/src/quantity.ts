// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource):
// a decimal number with an optional binary (Ki…Ei), decimal SI (n…E) or
// exponent suffix. The pattern is the one Kubernetes puts in CRD schemas.

/** Any quantity Kubernetes accepts, e.g. `500m`, `2Gi`, `1`. */
export const QUANTITY_PATTERN =
  /^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

/**
 * A byte quantity with a unit. Cache quotas must carry one: a bare number is
 * read as bytes (JuiceFS turns `quota: 40960` into a 0 MiB cache), and `2GB`
 * is not a quantity at all.
 */
export const QUANTITY_WITH_UNIT_PATTERN =
  /^(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[kMGTPE])$/;

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
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

/**
 * The value of a quantity in base units (bytes, cores), or undefined when the
 * string is not a quantity. Precision is that of a double, which is plenty
 * for comparing quotas and limits.
 */
export function parseQuantity(quantity: string): number | undefined {
  if (!QUANTITY_PATTERN.test(quantity)) return undefined;
  const match = /^([+-]?[0-9.]+)(.*)$/.exec(quantity)!;
  const number = Number(match[1]);
  const suffix = match[2];
  if (suffix in BINARY) return number * BINARY[suffix];
  if (suffix in DECIMAL) return number * DECIMAL[suffix];
  return number * 10 ** Number(suffix.slice(1));
}
