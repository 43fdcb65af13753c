import { humanDuration } from './duration';
import { evaluate } from './jsonpath';
import {
  PrinterColumn,
  ResourceType,
  ResourceVersion,
} from '../registry/types';
import { StoredObject } from '../store/store';

/**
 * `application/json;as=Table` answers, as `kubectl get` asks for them: CRD
 * printer columns for custom resources, and the columns of Kubernetes' own
 * printers for the built-in kinds we serve.
 */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Cell = string | number | boolean | null;

interface BuiltinPrinter {
  columns: Array<[name: string, type?: string, priority?: number]>;
  cells: (object: StoredObject, now: number) => Cell[];
}

const age = (object: StoredObject, now: number): string =>
  object.metadata.creationTimestamp
    ? humanDuration(now - Date.parse(object.metadata.creationTimestamp))
    : '<unknown>';

const count = (value: unknown): number =>
  value && typeof value === 'object' ? Object.keys(value).length : 0;

const BUILTIN_PRINTERS: Record<string, BuiltinPrinter> = {
  Namespace: {
    columns: [['Status'], ['Age']],
    cells: (o, now) => [o.status?.phase ?? '', age(o, now)],
  },
  Pod: {
    columns: [
      ['Ready'],
      ['Status'],
      ['Restarts', 'string'],
      ['Age'],
      ['IP', 'string', 1],
      ['Node', 'string', 1],
    ],
    cells: (o, now) => {
      const statuses: any[] = o.status?.containerStatuses ?? [];
      const total = o.spec?.containers?.length ?? statuses.length;
      const ready = statuses.filter(s => s.ready).length;
      const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0);
      return [
        `${ready}/${total}`,
        o.status?.phase ?? '',
        String(restarts),
        age(o, now),
        o.status?.podIP ?? '<none>',
        o.spec?.nodeName ?? '<none>',
      ];
    },
  },
  Deployment: {
    columns: [
      ['Ready'],
      ['Up-to-date', 'integer'],
      ['Available', 'integer'],
      ['Age'],
    ],
    cells: (o, now) => [
      `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`,
      o.status?.updatedReplicas ?? 0,
      o.status?.availableReplicas ?? 0,
      age(o, now),
    ],
  },
  ReplicaSet: {
    columns: [
      ['Desired', 'integer'],
      ['Current', 'integer'],
      ['Ready', 'integer'],
      ['Age'],
    ],
    cells: (o, now) => [
      o.spec?.replicas ?? 1,
      o.status?.replicas ?? 0,
      o.status?.readyReplicas ?? 0,
      age(o, now),
    ],
  },
  PersistentVolumeClaim: {
    columns: [
      ['Status'],
      ['Volume'],
      ['Capacity'],
      ['Access Modes'],
      ['StorageClass'],
      ['VolumeAttributesClass'],
      ['Age'],
    ],
    cells: (o, now) => [
      o.status?.phase ?? '',
      o.spec?.volumeName ?? '',
      o.status?.capacity?.storage ?? '',
      (o.status?.accessModes ?? o.spec?.accessModes ?? [])
        .map(shortAccessMode)
        .join(','),
      o.spec?.storageClassName ?? '',
      '<unset>',
      age(o, now),
    ],
  },
  PersistentVolume: {
    columns: [
      ['Capacity'],
      ['Access Modes'],
      ['Reclaim Policy'],
      ['Status'],
      ['Claim'],
      ['StorageClass'],
      ['VolumeAttributesClass'],
      ['Reason'],
      ['Age'],
    ],
    cells: (o, now) => [
      o.spec?.capacity?.storage ?? '',
      (o.spec?.accessModes ?? []).map(shortAccessMode).join(','),
      o.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
      o.status?.phase ?? '',
      o.spec?.claimRef
        ? `${o.spec.claimRef.namespace}/${o.spec.claimRef.name}`
        : '',
      o.spec?.storageClassName ?? '',
      '<unset>',
      o.status?.reason ?? '',
      age(o, now),
    ],
  },
  ConfigMap: {
    columns: [['Data', 'integer'], ['Age']],
    cells: (o, now) => [count(o.data) + count(o.binaryData), age(o, now)],
  },
  Secret: {
    columns: [['Type'], ['Data', 'integer'], ['Age']],
    cells: (o, now) => [o.type ?? 'Opaque', count(o.data), age(o, now)],
  },
  Service: {
    columns: [['Type'], ['Cluster-IP'], ['External-IP'], ['Port(s)'], ['Age']],
    cells: (o, now) => [
      o.spec?.type ?? 'ClusterIP',
      o.spec?.clusterIP ?? '<none>',
      '<none>',
      (o.spec?.ports ?? [])
        .map((p: any) => `${p.port}/${p.protocol ?? 'TCP'}`)
        .join(',') || '<none>',
      age(o, now),
    ],
  },
  CustomResourceDefinition: {
    columns: [['Created At', 'date']],
    cells: o => [o.metadata.creationTimestamp ?? ''],
  },
};

function shortAccessMode(mode: string): string {
  return (
    {
      ReadWriteOnce: 'RWO',
      ReadOnlyMany: 'ROX',
      ReadWriteMany: 'RWX',
      ReadWriteOncePod: 'RWOP',
    }[mode] ?? mode
  );
}

const NAME_COLUMN: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
  priority: 0,
};

const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

function crdCell(
  column: PrinterColumn,
  object: StoredObject,
  now: number,
): Cell {
  const [value] = evaluate(column.jsonPath, object);
  if (value === undefined || value === null) return null;
  if (column.type === 'date') {
    const time = Date.parse(String(value));
    return Number.isNaN(time) ? String(value) : humanDuration(now - time);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  if (column.type === 'string') return String(value);
  return value as Cell;
}

/** Builds Table rows for one resource type and version. */
export class TableConverter {
  readonly columnDefinitions: ColumnDefinition[];
  private readonly cells: (object: StoredObject, now: number) => Cell[];

  constructor(type: ResourceType, version: ResourceVersion) {
    const printer = type.builtin ? BUILTIN_PRINTERS[type.kind] : undefined;
    if (printer) {
      this.columnDefinitions = [
        NAME_COLUMN,
        ...printer.columns.map(([name, columnType, priority]) => ({
          name,
          type: columnType ?? 'string',
          format: '',
          description: '',
          priority: priority ?? 0,
        })),
      ];
      this.cells = (object, now) => [
        object.metadata.name,
        ...printer.cells(object, now),
      ];
      return;
    }
    const columns = version.printerColumns?.length
      ? version.printerColumns
      : [AGE_COLUMN];
    this.columnDefinitions = [
      NAME_COLUMN,
      ...columns.map(column => ({
        name: column.name,
        type: column.type,
        format: column.format ?? '',
        description: column.description ?? '',
        priority: column.priority ?? 0,
      })),
    ];
    this.cells = (object, now) => [
      object.metadata.name,
      ...columns.map(column => crdCell(column, object, now)),
    ];
  }

  row(object: StoredObject, include: IncludeObject): Record<string, unknown> {
    return {
      cells: this.cells(object, Date.now()),
      ...(include === 'None'
        ? {}
        : {
            object:
              include === 'Object'
                ? object
                : {
                    kind: 'PartialObjectMetadata',
                    apiVersion: 'meta.k8s.io/v1',
                    metadata: object.metadata,
                  },
          }),
    };
  }

  table(
    objects: StoredObject[],
    include: IncludeObject,
    listMeta: Record<string, unknown>,
  ): Record<string, unknown> {
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: listMeta,
      columnDefinitions: this.columnDefinitions,
      rows: objects.map(object => this.row(object, include)),
    };
  }
}
