import { NameRule } from '../api/metadata';
import { ResourceType } from './types';

/**
 * The built-in kinds the simulator serves: those the issue names, and those
 * Backstage's Kubernetes plugin lists for every entity (so that it gets empty
 * lists, not 404s). Names, short names, scopes and categories are Kubernetes'
 * own (as `kubectl api-resources` prints them on a v1.35 cluster).
 */
interface BuiltinSpec {
  group: string;
  versions: string[];
  kind: string;
  plural: string;
  shortNames?: string[];
  cluster?: boolean;
  status?: boolean;
  all?: boolean;
  nameRule?: NameRule;
  generation?: boolean;
}

const SPECS: BuiltinSpec[] = [
  {
    group: '',
    versions: ['v1'],
    kind: 'Namespace',
    plural: 'namespaces',
    shortNames: ['ns'],
    cluster: true,
    status: true,
    nameRule: 'label',
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'ConfigMap',
    plural: 'configmaps',
    shortNames: ['cm'],
  },
  { group: '', versions: ['v1'], kind: 'Secret', plural: 'secrets' },
  {
    group: '',
    versions: ['v1'],
    kind: 'Service',
    plural: 'services',
    shortNames: ['svc'],
    status: true,
    all: true,
    nameRule: 'dns1035',
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    shortNames: ['sa'],
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'PersistentVolume',
    plural: 'persistentvolumes',
    shortNames: ['pv'],
    cluster: true,
    status: true,
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
    shortNames: ['pvc'],
    status: true,
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'Pod',
    plural: 'pods',
    shortNames: ['po'],
    status: true,
    all: true,
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'Node',
    plural: 'nodes',
    shortNames: ['no'],
    cluster: true,
    status: true,
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'Event',
    plural: 'events',
    shortNames: ['ev'],
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'Endpoints',
    plural: 'endpoints',
    shortNames: ['ep'],
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'LimitRange',
    plural: 'limitranges',
    shortNames: ['limits'],
  },
  {
    group: '',
    versions: ['v1'],
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    shortNames: ['quota'],
    status: true,
  },
  {
    group: 'apps',
    versions: ['v1'],
    kind: 'Deployment',
    plural: 'deployments',
    shortNames: ['deploy'],
    status: true,
    all: true,
    generation: true,
  },
  {
    group: 'apps',
    versions: ['v1'],
    kind: 'ReplicaSet',
    plural: 'replicasets',
    shortNames: ['rs'],
    status: true,
    all: true,
    generation: true,
  },
  {
    group: 'apps',
    versions: ['v1'],
    kind: 'StatefulSet',
    plural: 'statefulsets',
    shortNames: ['sts'],
    status: true,
    all: true,
    generation: true,
  },
  {
    group: 'apps',
    versions: ['v1'],
    kind: 'DaemonSet',
    plural: 'daemonsets',
    shortNames: ['ds'],
    status: true,
    all: true,
    generation: true,
  },
  {
    group: 'batch',
    versions: ['v1'],
    kind: 'Job',
    plural: 'jobs',
    status: true,
    all: true,
  },
  {
    group: 'batch',
    versions: ['v1'],
    kind: 'CronJob',
    plural: 'cronjobs',
    shortNames: ['cj'],
    status: true,
    all: true,
  },
  {
    group: 'autoscaling',
    versions: ['v2', 'v1'],
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    shortNames: ['hpa'],
    status: true,
    all: true,
  },
  {
    group: 'networking.k8s.io',
    versions: ['v1'],
    kind: 'Ingress',
    plural: 'ingresses',
    shortNames: ['ing'],
    status: true,
  },
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    kind: 'Role',
    plural: 'roles',
  },
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    kind: 'RoleBinding',
    plural: 'rolebindings',
  },
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    kind: 'ClusterRole',
    plural: 'clusterroles',
    cluster: true,
  },
  {
    group: 'rbac.authorization.k8s.io',
    versions: ['v1'],
    kind: 'ClusterRoleBinding',
    plural: 'clusterrolebindings',
    cluster: true,
  },
  {
    group: 'storage.k8s.io',
    versions: ['v1'],
    kind: 'StorageClass',
    plural: 'storageclasses',
    shortNames: ['sc'],
    cluster: true,
  },
  {
    group: 'apiextensions.k8s.io',
    versions: ['v1'],
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    shortNames: ['crd', 'crds'],
    cluster: true,
    status: true,
    generation: true,
  },
];

export function builtinTypes(): ResourceType[] {
  return SPECS.map(spec => ({
    group: spec.group,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    shortNames: spec.shortNames ?? [],
    categories: spec.all ? ['all'] : [],
    namespaced: !spec.cluster,
    versions: spec.versions.map((name, index) => ({
      name,
      served: true,
      storage: index === 0,
      status: !!spec.status,
    })),
    builtin: true,
    nameRule: spec.nameRule ?? 'subdomain',
    generation: !!spec.generation,
  }));
}
