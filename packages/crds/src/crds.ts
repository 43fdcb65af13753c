import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The CRD sets in this package. */
export const CRD_SETS = [
  'fluid-v1.0.8',
  'fluid-master',
  'modelexpress',
] as const;

/** One of {@link CRD_SETS}. */
export type CrdSet = (typeof CRD_SETS)[number];

/** Any Kubernetes object, as parsed from YAML. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** The parts of an `apiextensions.k8s.io/v1` version entry that consumers read. */
export interface CustomResourceDefinitionVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema: Record<string, unknown> };
  subresources?: { status?: object; scale?: Record<string, string> };
  additionalPrinterColumns?: {
    name: string;
    type: string;
    jsonPath: string;
    description?: string;
    priority?: number;
    format?: string;
  }[];
}

/** An `apiextensions.k8s.io/v1` CustomResourceDefinition. */
export interface CustomResourceDefinition extends KubernetesObject {
  kind: 'CustomResourceDefinition';
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: {
      kind: string;
      listKind?: string;
      plural: string;
      singular?: string;
      shortNames?: string[];
      categories?: string[];
    };
    versions: CustomResourceDefinitionVersion[];
  };
}

// Resolved through the package name so that it holds in builds too.
const packageRoot = path.dirname(
  require.resolve('@internal/crds/package.json'),
);

/** The folder that holds the YAML files of one CRD set. */
export function crdDirectory(set: CrdSet): string {
  switch (set) {
    case 'fluid-v1.0.8':
      return path.join(packageRoot, 'fluid', 'v1.0.8');
    case 'fluid-master':
      return path.join(packageRoot, 'fluid', 'master');
    case 'modelexpress':
      return path.join(packageRoot, 'modelexpress');
    default:
      throw new Error(
        `Unknown CRD set ${set}; known sets: ${CRD_SETS.join(', ')}`,
      );
  }
}

function loadYamlObjects(directory: string): KubernetesObject[] {
  return fs
    .readdirSync(directory)
    .filter(file => /\.ya?ml$/.test(file))
    .sort()
    .flatMap(file => {
      const text = fs.readFileSync(path.join(directory, file), 'utf8');
      return parseAllDocuments(text).map((doc, index) => {
        if (doc.errors.length) {
          throw new Error(
            `${file} document ${index + 1}: ${doc.errors[0].message}`,
          );
        }
        return doc.toJS() as KubernetesObject;
      });
    })
    .filter(Boolean);
}

/** Every CustomResourceDefinition of one set, sorted by file name. */
export function loadCrds(set: CrdSet): CustomResourceDefinition[] {
  return loadYamlObjects(crdDirectory(set)).filter(
    (object): object is CustomResourceDefinition =>
      object.kind === 'CustomResourceDefinition',
  );
}

/** The folder of the composed example Fluid objects (with populated status). */
export function exampleObjectsDirectory(): string {
  return path.join(packageRoot, 'fluid', 'examples');
}

/** The example Fluid objects (Datasets, runtimes, a DataLoad, a Secret). */
export function loadExampleObjects(): KubernetesObject[] {
  return loadYamlObjects(exampleObjectsDirectory());
}
