import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { StoredObject } from './store/store';

/**
 * Reads Kubernetes objects from YAML or JSON files: one file, or every
 * `*.yaml`, `*.yml` and `*.json` in a folder (sorted by name). `kind: List`
 * documents are unpacked. Errors name the file and document.
 */
export function readObjects(target: string): StoredObject[] {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new Error(`${target}: no such file or folder`);
  const files = stat.isDirectory()
    ? fs
        .readdirSync(target)
        .filter(file => /\.(ya?ml|json)$/.test(file))
        .sort()
        .map(file => path.join(target, file))
    : [target];
  return files.flatMap(file =>
    parseObjects(fs.readFileSync(file, 'utf8'), file),
  );
}

export function parseObjects(text: string, source: string): StoredObject[] {
  const objects: StoredObject[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    if (doc.errors.length) {
      throw new Error(
        `${source} document ${index + 1}: ${doc.errors[0].message}`,
      );
    }
    const value = doc.toJS();
    if (value === null || value === undefined) return;
    const items =
      value.kind === 'List' && Array.isArray(value.items)
        ? value.items
        : [value];
    for (const item of items) {
      if (!item || typeof item !== 'object' || !item.apiVersion || !item.kind) {
        throw new Error(
          `${source} document ${
            index + 1
          }: not a Kubernetes object (apiVersion and kind are required)`,
        );
      }
      if (!item.metadata?.name) {
        throw new Error(
          `${source} document ${index + 1}: metadata.name is required`,
        );
      }
      objects.push(item);
    }
  });
  return objects;
}
