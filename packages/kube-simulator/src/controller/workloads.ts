import { createHash } from 'node:crypto';
import { randomSuffix, timestamp } from '../api/metadata';
import { Cluster } from '../cluster';
import { StoreEvent, StoredObject } from '../store/store';
import { hashFraction } from './formats';

type Ref = { group: string; plural: string; namespace?: string; name: string };

const OWNER_PLURALS: Record<string, string> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
};
const NODES = ['sim-node-1', 'sim-node-2', 'sim-node-3'];
const POD_START_MS = 2500;

/**
 * Just enough of the Deployment and ReplicaSet controllers and a kubelet for
 * the demo: a Deployment gets a ReplicaSet and Running Pods on simulated
 * nodes, and Pods that mount a Dataset's PVC count as that runtime's fuses.
 */
export class WorkloadController {
  constructor(
    private readonly cluster: Cluster,
    private readonly speed: number,
    private readonly enqueue: (ref: Ref, delayMs?: number) => void,
  ) {}

  interesting(group: string, plural: string): boolean {
    return (
      (group === 'apps' &&
        (plural === 'deployments' || plural === 'replicasets')) ||
      (group === '' && plural === 'pods')
    );
  }

  onEvent(group: string, plural: string, event: StoreEvent, ref: Ref): void {
    const object = event.entry.object;
    if (group === '' && plural === 'pods') {
      // Fuse counts of the runtimes in this namespace may change.
      for (const claim of claimsOf(object)) {
        for (const runtimePlural of [
          'alluxioruntimes',
          'juicefsruntimes',
          'jindoruntimes',
          'efcruntimes',
          'thinruntimes',
          'vineyardruntimes',
          'goosefsruntimes',
        ]) {
          this.enqueue({
            group: 'data.fluid.io',
            plural: runtimePlural,
            namespace: ref.namespace,
            name: claim,
          });
        }
      }
    }
    for (const reference of object.metadata.ownerReferences ?? []) {
      const ownerPlural = OWNER_PLURALS[reference.kind];
      if (ownerPlural)
        this.enqueue({
          group: 'apps',
          plural: ownerPlural,
          namespace: ref.namespace,
          name: reference.name,
        });
    }
  }

  fusesFor(namespace: string, claim: string): number {
    const nodes = new Set<string>();
    for (const entry of this.cluster.store.bucket('/pods').list(namespace)) {
      const pod = entry.object;
      if (pod.status?.phase === 'Running' && claimsOf(pod).includes(claim)) {
        nodes.add(pod.spec?.nodeName ?? '');
      }
    }
    return nodes.size;
  }

  reconcile(ref: Ref): void {
    if (ref.plural === 'deployments') this.reconcileDeployment(ref);
    else if (ref.plural === 'replicasets') this.reconcileReplicaSet(ref);
    else if (ref.plural === 'pods') this.reconcilePod(ref);
  }

  private reconcileDeployment(ref: Ref): void {
    const deployment = this.cluster.find(
      'apps',
      'deployments',
      ref.namespace,
      ref.name,
    );
    if (!deployment || deployment.metadata.deletionTimestamp) return;
    const template = deployment.spec?.template ?? {};
    const hash = createHash('sha256')
      .update(JSON.stringify(template))
      .digest('hex')
      .slice(0, 10)
      .replace(/[aeiou]/g, 'x');
    const rsName = `${ref.name}-${hash}`;
    const replicas = Number(deployment.spec?.replicas ?? 1);
    const rs = this.cluster.find('apps', 'replicasets', ref.namespace, rsName);
    const labels = { ...template.metadata?.labels, 'pod-template-hash': hash };
    if (!rs) {
      this.cluster.load({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ref.namespace,
          labels,
          ownerReferences: [owner(deployment)],
        },
        spec: {
          replicas,
          selector: {
            matchLabels: {
              ...deployment.spec?.selector?.matchLabels,
              'pod-template-hash': hash,
            },
          },
          template: { ...template, metadata: { ...template.metadata, labels } },
        },
        status: { replicas: 0 },
      });
    } else if (rs.spec?.replicas !== replicas) {
      this.cluster.mutate('apps', 'replicasets', ref.namespace, rsName, o => {
        o.spec.replicas = replicas;
      });
    }
    // Older ReplicaSets of this Deployment scale to zero.
    for (const entry of this.cluster.store
      .bucket('apps/replicasets')
      .list(ref.namespace)) {
      const old = entry.object;
      const owned = old.metadata.ownerReferences?.some(
        (o: { uid: string }) => o.uid === deployment.metadata.uid,
      );
      if (owned && old.metadata.name !== rsName && old.spec?.replicas !== 0) {
        this.cluster.mutate(
          'apps',
          'replicasets',
          ref.namespace,
          old.metadata.name,
          o => {
            o.spec.replicas = 0;
          },
        );
      }
    }
    const current = this.cluster.find(
      'apps',
      'replicasets',
      ref.namespace,
      rsName,
    );
    const ready = Number(current?.status?.readyReplicas ?? 0);
    const now = timestamp();
    this.cluster.mutate('apps', 'deployments', ref.namespace, ref.name, o => {
      const available = ready >= replicas;
      o.status = {
        observedGeneration: o.metadata.generation,
        replicas: Number(current?.status?.replicas ?? 0),
        updatedReplicas: Number(current?.status?.replicas ?? 0),
        readyReplicas: ready,
        availableReplicas: ready,
        ...(replicas > ready ? { unavailableReplicas: replicas - ready } : {}),
        conditions: [
          {
            type: 'Available',
            status: available ? 'True' : 'False',
            reason: available
              ? 'MinimumReplicasAvailable'
              : 'MinimumReplicasUnavailable',
            message: available
              ? 'Deployment has minimum availability.'
              : 'Deployment does not have minimum availability.',
            lastUpdateTime: o.status?.conditions?.[0]?.lastUpdateTime ?? now,
            lastTransitionTime:
              o.status?.conditions?.[0]?.lastTransitionTime ?? now,
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: available ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
            message: `ReplicaSet "${rsName}" ${
              available ? 'has successfully progressed.' : 'is progressing.'
            }`,
            lastUpdateTime: now,
            lastTransitionTime:
              o.status?.conditions?.[1]?.lastTransitionTime ?? now,
          },
        ],
      };
    });
  }

  private reconcileReplicaSet(ref: Ref): void {
    const rs = this.cluster.find(
      'apps',
      'replicasets',
      ref.namespace,
      ref.name,
    );
    if (!rs || rs.metadata.deletionTimestamp) return;
    const desired = Number(rs.spec?.replicas ?? 1);
    const pods = this.cluster.store
      .bucket('/pods')
      .list(ref.namespace)
      .map(entry => entry.object)
      .filter(pod =>
        pod.metadata.ownerReferences?.some(
          (o: { uid: string }) => o.uid === rs.metadata.uid,
        ),
      );
    const podType = this.cluster.registry.get('', 'pods')!;
    for (const extra of pods.slice(desired)) {
      this.cluster.delete(podType, ref.namespace, extra.metadata.name);
    }
    for (let i = pods.length; i < desired; i++) {
      const name = `${ref.name}-${randomSuffix()}`;
      const template = rs.spec?.template ?? {};
      this.cluster.load({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: ref.namespace,
          labels: template.metadata?.labels,
          ownerReferences: [owner(rs)],
        },
        spec: {
          ...template.spec,
          nodeName: NODES[Math.floor(hashFraction(name) * NODES.length)],
        },
        status: {
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'True',
              lastTransitionTime: timestamp(),
            },
          ],
        },
      });
      this.enqueue(
        { group: '', plural: 'pods', namespace: ref.namespace, name },
        POD_START_MS,
      );
    }
    const live = pods.slice(0, desired);
    const ready = live.filter(pod => pod.status?.phase === 'Running').length;
    this.cluster.mutate('apps', 'replicasets', ref.namespace, ref.name, o => {
      o.status = {
        replicas: Math.max(live.length, desired),
        fullyLabeledReplicas: Math.max(live.length, desired),
        readyReplicas: ready,
        availableReplicas: ready,
        observedGeneration: o.metadata.generation,
      };
    });
  }

  private reconcilePod(ref: Ref): void {
    const pod = this.cluster.find('', 'pods', ref.namespace, ref.name);
    if (!pod || pod.status?.phase !== 'Pending') return;
    const created =
      Date.parse(pod.metadata.creationTimestamp ?? '') || Date.now();
    const wait = POD_START_MS - (Date.now() - created) * this.speed;
    if (wait > 0) {
      this.enqueue(ref, wait);
      return;
    }
    const now = timestamp();
    const octet = Math.floor(hashFraction(ref.name) * 250) + 2;
    this.cluster.mutate('', 'pods', ref.namespace, ref.name, o => {
      o.status = {
        phase: 'Running',
        hostIP: `10.0.0.${NODES.indexOf(o.spec?.nodeName) + 11}`,
        podIP: `10.244.1.${octet}`,
        startTime: now,
        conditions: [
          'PodReadyToStartContainers',
          'Initialized',
          'Ready',
          'ContainersReady',
          'PodScheduled',
        ].map(type => ({
          type,
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: now,
        })),
        containerStatuses: (o.spec?.containers ?? []).map(
          (c: { name: string; image: string }) => ({
            name: c.name,
            image: c.image,
            imageID: '',
            ready: true,
            started: true,
            restartCount: 0,
            state: { running: { startedAt: now } },
          }),
        ),
      };
    });
  }
}

function owner(object: StoredObject) {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    uid: object.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function claimsOf(pod: StoredObject): string[] {
  return (pod.spec?.volumes ?? [])
    .map(
      (v: { persistentVolumeClaim?: { claimName?: string } }) =>
        v.persistentVolumeClaim?.claimName,
    )
    .filter((name: string | undefined): name is string => !!name);
}
