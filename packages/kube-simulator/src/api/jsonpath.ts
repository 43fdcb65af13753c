/**
 * The subset of Kubernetes JSONPath that printer columns use:
 * `.a.b`, `.a[0]`, `.a[*].b`, `.a['key.with.dots']` and filters such as
 * `.status.conditions[?(@.type=="Ready")].status`.
 */
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: Step[]; op: '==' | '!='; value: string };

function parse(expression: string): Step[] {
  const steps: Step[] = [];
  let text = expression.trim().replace(/^\{|\}$/g, '');
  if (text.startsWith('$')) text = text.slice(1);
  let i = 0;
  while (i < text.length) {
    if (text[i] === '.') {
      i++;
      const match = /^[^.[]+/.exec(text.slice(i));
      if (match) {
        steps.push({ kind: 'field', name: match[0] });
        i += match[0].length;
      }
    } else if (text[i] === '[') {
      const end = text.indexOf(']', i);
      const inner = text.slice(i + 1, end);
      i = end + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) {
        steps.push({ kind: 'index', index: Number(inner) });
      } else if (/^'.*'$|^".*"$/.test(inner)) {
        steps.push({ kind: 'field', name: inner.slice(1, -1) });
      } else {
        const filter = /^\?\(@(.*?)\s*(==|!=)\s*["']?(.*?)["']?\)$/.exec(inner);
        if (filter) {
          steps.push({
            kind: 'filter',
            path: parse(filter[1]),
            op: filter[2] as '==' | '!=',
            value: filter[3],
          });
        }
      }
    } else {
      const match = /^[^.[]+/.exec(text.slice(i))!;
      steps.push({ kind: 'field', name: match[0] });
      i += match[0].length;
    }
  }
  return steps;
}

function walk(values: unknown[], steps: Step[]): unknown[] {
  let current = values;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || value === undefined) continue;
      if (step.kind === 'field') {
        if (typeof value === 'object' && !Array.isArray(value)) {
          const child = (value as Record<string, unknown>)[step.name];
          if (child !== undefined) next.push(child);
        }
      } else if (Array.isArray(value)) {
        if (step.kind === 'index') {
          const item =
            value[step.index < 0 ? value.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        } else if (step.kind === 'all') next.push(...value);
        else {
          for (const item of value) {
            const [found] = walk([item], step.path);
            const equal = found !== undefined && String(found) === step.value;
            if (step.op === '==' ? equal : !equal) next.push(item);
          }
        }
      }
    }
    current = next;
  }
  return current;
}

const cache = new Map<string, Step[]>();

/** The values the path selects (empty when it selects nothing). */
export function evaluate(expression: string, data: unknown): unknown[] {
  let steps = cache.get(expression);
  if (!steps) {
    steps = parse(expression);
    cache.set(expression, steps);
  }
  return walk([data], steps);
}
