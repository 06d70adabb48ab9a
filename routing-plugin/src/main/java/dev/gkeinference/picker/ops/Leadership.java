package dev.gkeinference.picker.ops;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Active-passive replicas (the upstream picker's {@code --ha-enable-leader-election}): the replicas compete for a
 * Kubernetes Lease {@code epp-<namespace>-<pool>.llm-d.ai}; only the holder reports ready, so the gateway sends it
 * every request and one prefix index sees all traffic. Timings are controller-runtime's defaults. The Lease is
 * released at shutdown, so a standby takes over within one retry period; a crashed leader's Lease expires after the
 * lease duration. A replica that loses the Lease becomes a standby again.
 */
public final class Leadership implements AutoCloseable {

    static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    static final Duration RETRY_PERIOD = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(Leadership.class.getName());

    private final LeaderElector elector;
    private final String leaseName;
    private final String identity;
    private CompletableFuture<?> running;
    private boolean released;

    public Leadership(KubernetesClient client, String namespace, String poolName, Consumer<Boolean> leading) {
        this.leaseName = "epp-" + namespace + "-" + poolName + ".llm-d.ai";
        this.identity = identity();
        this.elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(new LeaseLock(namespace, leaseName, identity))
                .withLeaseDuration(LEASE_DURATION)
                .withRenewDeadline(RENEW_DEADLINE)
                .withRetryPeriod(RETRY_PERIOD)
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            LOG.info(() -> identity + " leads " + namespace + "/" + leaseName + ": ready");
                            leading.accept(true);
                        },
                        () -> {
                            LOG.info(() -> identity + " no longer leads " + namespace + "/" + leaseName);
                            leading.accept(false);
                        },
                        holder -> LOG.fine(() -> "leader of " + leaseName + ": " + holder)))
                .build()).build();
    }

    public synchronized void start() {
        running = elector.start();
        // Lost the Lease (renewal failed): stand by and compete again.
        running.whenComplete((ok, failure) -> {
            synchronized (this) {
                if (!released) {
                    start();
                }
            }
        });
    }

    /** Gives the Lease up (a standby takes over at its next retry) and stops competing. Idempotent. */
    public synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        if (running != null) {
            running.cancel(true); // stops renewing
        }
        // Synchronously, before the caller closes the API client: a standby may take the Lease at its next retry.
        elector.release();
    }

    @Override
    public void close() {
        release();
    }

    /** The pod name when Kubernetes passes it (POD_NAME), else host name and a random suffix, as client-go does. */
    private static String identity() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod + "_" + UUID.randomUUID();
        }
        try {
            return InetAddress.getLocalHost().getHostName() + "_" + UUID.randomUUID();
        } catch (UnknownHostException e) {
            return "routing-plugin_" + UUID.randomUUID();
        }
    }
}
