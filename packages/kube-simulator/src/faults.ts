import { z } from 'zod';

/**
 * Faults of one simulated cluster: what a flaky API server does to its
 * clients. Set at start, changed at run time (library or admin endpoint).
 */
export interface FaultOptions {
  /** Fixed delay before every API answer, in milliseconds. */
  latencyMs: number;
  /** Extra random delay, uniform in [0, jitterMs). */
  jitterMs: number;
  /** Share (0–1) of resource requests answered with this status code. */
  errorRates: { 500: number; 429: number; 403: number };
  /** Cut every watch stream this long after it starts (0: never). */
  watchDropAfterMs: number;
  /** Forget the watch history this often, so resuming watches get 410 (0: never). */
  expireResourceVersionsEveryMs: number;
  /** Close the listening socket: clients get "connection refused". */
  refuseConnections: boolean;
}

export const DEFAULT_FAULTS: FaultOptions = {
  latencyMs: 0,
  jitterMs: 0,
  errorRates: { 500: 0, 429: 0, 403: 0 },
  watchDropAfterMs: 0,
  expireResourceVersionsEveryMs: 0,
  refuseConnections: false,
};

const rate = z.number().min(0).max(1);

/** Partial fault settings, as the CLI, scenarios and the admin endpoint take them. */
export const faultPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0),
    jitterMs: z.number().int().min(0),
    errorRates: z
      .object({ '500': rate, '429': rate, '403': rate })
      .partial()
      .strict(),
    watchDropAfterMs: z.number().int().min(0),
    expireResourceVersionsEveryMs: z.number().int().min(0),
    refuseConnections: z.boolean(),
  })
  .partial()
  .strict();

export type FaultPatch = z.infer<typeof faultPatchSchema>;

/** Turns a zod failure into one line that names the field. */
export function describeZodError(error: z.ZodError, where: string): string {
  return error.issues
    .map(issue => {
      const path = issue.path.join('.');
      return `${where}${path ? `.${path}` : ''}: ${issue.message}`;
    })
    .join('; ');
}

export function parseFaultPatch(value: unknown, where = 'faults'): FaultPatch {
  const result = faultPatchSchema.safeParse(value);
  if (!result.success) throw new Error(describeZodError(result.error, where));
  return result.data;
}

export class Faults {
  private current: FaultOptions = structuredClone(DEFAULT_FAULTS);
  private readonly listeners = new Set<(faults: FaultOptions) => void>();

  constructor(initial: FaultPatch = {}) {
    this.set(initial);
  }

  get(): FaultOptions {
    return structuredClone(this.current);
  }

  set(patch: FaultPatch): FaultOptions {
    const checked = parseFaultPatch(patch);
    this.current = {
      ...this.current,
      ...checked,
      errorRates: { ...this.current.errorRates, ...checked.errorRates },
    };
    for (const listener of this.listeners) listener(this.get());
    return this.get();
  }

  reset(): FaultOptions {
    this.current = structuredClone(DEFAULT_FAULTS);
    for (const listener of this.listeners) listener(this.get());
    return this.get();
  }

  onChange(listener: (faults: FaultOptions) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The delay for the next request. */
  delayMs(): number {
    const { latencyMs, jitterMs } = this.current;
    return latencyMs + (jitterMs ? Math.random() * jitterMs : 0);
  }

  /** The status code to fail the next resource request with, if any. */
  injectedError(): 500 | 429 | 403 | undefined {
    const roll = Math.random();
    let threshold = 0;
    for (const code of [500, 429, 403] as const) {
      threshold += this.current.errorRates[code];
      if (roll < threshold) return code;
    }
    return undefined;
  }

  get watchDropAfterMs(): number {
    return this.current.watchDropAfterMs;
  }

  get expireEveryMs(): number {
    return this.current.expireResourceVersionsEveryMs;
  }

  get refusing(): boolean {
    return this.current.refuseConnections;
  }
}
