export interface Config {
  /**
   * The Fluid backend plugin. Clusters come from the Kubernetes plugin's
   * `kubernetes.clusterLocatorMethods` (entries of `type: config`, with
   * `authProvider: serviceAccount`), so a portal that already shows
   * Kubernetes needs no second cluster list; `fluid.kubeconfig` adds clusters
   * from a kubeconfig file for local use.
   */
  fluid?: {
    /**
     * Clusters from a kubeconfig file (for local development).
     */
    kubeconfig?: {
      /**
       * Path of the kubeconfig file. Defaults to $KUBECONFIG, then ~/.kube/config.
       */
      path?: string;
      /**
       * The contexts to watch, each as one cluster named after the context.
       * Defaults to the current context.
       */
      contexts?: string[];
    };
    /**
     * Limits of the cache health rules (see docs/health.md).
     */
    health?: {
      /** Seconds a dataset may stay unbound before it is unhealthy. Default 300. */
      notBoundGraceSeconds?: number;
      /** Seconds without a current picture of a cluster before its datasets are unknown. Default 180. */
      staleAfterSeconds?: number;
      /** Hit ratio (0..1) below which a full cache is thrashing. Default 0.5. */
      minHitRatio?: number;
      /** Cache fullness (0..1) that counts as full when the top tier has no high watermark. Default 0.95. */
      cacheFullFraction?: number;
    };
    /**
     * Watching the clusters.
     */
    watch?: {
      /** Seconds after which the API server ends each watch (it is then resumed). Default 300. */
      timeoutSeconds?: number;
      /** Page size of the initial lists. Default 500. */
      pageSize?: number;
      /** First reconnect delay in milliseconds, doubled per failure. Default 1000. */
      initialBackoffMs?: number;
      /** Longest reconnect delay in milliseconds. Default 30000. */
      maxBackoffMs?: number;
    };
    /**
     * Stored snapshots of each dataset's cache numbers, for trend charts.
     */
    history?: {
      /** Minutes between snapshots. Default 5. */
      intervalMinutes?: number;
      /** Hours snapshots are kept at full resolution before they are averaged per hour. Default 48. */
      rawRetentionHours?: number;
      /** Days hourly averages are kept. Default 30. */
      retentionDays?: number;
    };
  };
}
