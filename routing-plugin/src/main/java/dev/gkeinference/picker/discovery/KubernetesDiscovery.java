package dev.gkeinference.picker.discovery;

import dev.gkeinference.picker.cli.Flags;
import dev.gkeinference.picker.endpoint.Endpoint;
import dev.gkeinference.picker.state.EndpointRegistry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Watches the Ready pods of the pool (each {@code podIP:targetPort} is an endpoint) — the pods and ports the
 * InferencePool named by {@code --pool-name} selects, or those of {@code --endpoint-selector} and
 * {@code --endpoint-target-ports} — and the InferenceObjectives that reference the pool (their priority). Uses
 * informers: list, then watch, relisting on their own when a watch expires.
 */
public final class KubernetesDiscovery implements Discovery {

    static final ResourceDefinitionContext INFERENCE_POOL = new ResourceDefinitionContext.Builder()
            .withGroup("inference.networking.k8s.io").withVersion("v1").withKind("InferencePool")
            .withPlural("inferencepools").withNamespaced(true).build();
    private static final Logger LOG = Logger.getLogger(KubernetesDiscovery.class.getName());

    private final KubernetesClient client;
    private final String namespace;
    private final String poolName;
    private final EndpointRegistry registry;
    private final Objectives objectives;
    private SharedIndexInformer<GenericKubernetesResource> poolInformer;
    private SharedIndexInformer<GenericKubernetesResource> objectiveInformer;
    private SharedIndexInformer<Pod> podInformer;
    private PoolSpec pool;
    private boolean closed;

    /** @param endpoints {@code poolName}, or {@code selector} with {@code targetPorts}; and the namespace */
    public KubernetesDiscovery(KubernetesClient client, Flags.Endpoints endpoints, EndpointRegistry registry,
                               Objectives objectives) {
        this.client = client;
        this.namespace = endpoints.namespace();
        this.poolName = endpoints.poolName();
        this.registry = registry;
        this.objectives = objectives;
        this.pool = poolName == null ? new PoolSpec(endpoints.selector(), endpoints.targetPorts()) : null;
    }

    @Override
    public synchronized void start() {
        if (poolName == null) {
            restartPodInformer(pool);
        } else {
            watchPool();
        }
        chooseObjectivesThenWatch();
    }

    private void watchPool() {
        poolInformer = client.genericKubernetesResources(INFERENCE_POOL).inNamespace(namespace).withName(poolName)
                .runnableInformer(0);
        poolInformer.addEventHandler(onAnyChange(this::poolChanged));
        // Not waiting for the first list: the picker serves health (not ready) while the API is unreachable.
        poolInformer.start().whenComplete((ok, failure) -> {
            if (failure != null) {
                LOG.warning(() -> "cannot list InferencePool " + namespace + "/" + poolName + " yet ("
                        + rootMessage(failure) + "); the informer keeps retrying, readiness stays NOT_SERVING");
            } else {
                poolChanged();
            }
        });
        CompletableFuture.delayedExecutor(10, TimeUnit.SECONDS).execute(() -> {
            if (!poolInformer.hasSynced() && poolInformer.isRunning()) {
                LOG.warning(() -> "no answer from the Kubernetes API after 10 s for InferencePool " + namespace + "/"
                        + poolName + " at " + client.getMasterUrl() + "; still retrying, readiness stays NOT_SERVING");
            }
        });
    }

    /** The objectives' API is known once the API server answers; until then every request has priority 0. */
    private void chooseObjectivesThenWatch() {
        CompletableFuture.runAsync(() -> {
            ResourceDefinitionContext api = ObjectiveGroup.choose(client);
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (api == null) {
                    CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(this::chooseObjectivesThenWatch);
                    return;
                }
                objectiveInformer = client.genericKubernetesResources(api).inNamespace(namespace).runnableInformer(0);
                objectiveInformer.addEventHandler(onAnyChange(this::objectivesChanged));
                objectiveInformer.start();
            }
        });
    }

    private synchronized void poolChanged() {
        GenericKubernetesResource found = poolInformer.getStore().list().stream()
                .filter(p -> poolName.equals(p.getMetadata().getName())).findFirst().orElse(null);
        PoolSpec next = found == null ? null : PoolSpec.of(found);
        if (next == null) {
            LOG.warning(() -> "InferencePool " + namespace + "/" + poolName + " not found; no endpoints");
        }
        if (!Objects.equals(selectorOf(pool), selectorOf(next))) {
            restartPodInformer(next);
        }
        pool = next;
        endpointsChanged();
    }

    private void restartPodInformer(PoolSpec next) {
        if (podInformer != null) {
            podInformer.close();
            podInformer = null;
        }
        if (next == null || next.selector().isEmpty()) {
            return;
        }
        podInformer = client.pods().inNamespace(namespace).withLabelSelector(next.selector()).runnableInformer(0);
        podInformer.addEventHandler(onAnyChange(this::endpointsChanged));
        podInformer.start().thenRun(this::endpointsChanged);
    }

    private synchronized void endpointsChanged() {
        if (poolInformer != null && !poolInformer.hasSynced()) {
            return;
        }
        List<Endpoint> endpoints = new ArrayList<>();
        if (pool != null && podInformer != null) {
            if (!podInformer.hasSynced()) {
                return; // wait for the first pod list rather than publish an empty pool
            }
            for (Pod pod : podInformer.getStore().list()) {
                if (isReady(pod)) {
                    for (int port : pool.targetPorts()) {
                        endpoints.add(new Endpoint(pod.getStatus().getPodIP(), port));
                    }
                }
            }
        }
        registry.replaceAll(endpoints);
    }

    private synchronized void objectivesChanged() {
        Map<String, Integer> priorities = new HashMap<>();
        for (GenericKubernetesResource o : objectiveInformer.getStore().list()) {
            Map<String, Object> spec = map(o.getAdditionalProperties().get("spec"));
            Map<String, Object> poolRef = map(spec.get("poolRef"));
            Object ref = poolRef.get("name");
            if (ref == null || poolName == null || poolName.equals(ref)) {
                priorities.put(o.getMetadata().getName(), intValue(spec.get("priority")));
            }
        }
        objectives.replaceAll(priorities);
    }

    static boolean isReady(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null) {
            return false;
        }
        String ip = pod.getStatus().getPodIP();
        if (ip == null || ip.isEmpty()) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static String selectorOf(PoolSpec p) {
        return p == null ? null : p.selector();
    }

    /** The pods (a label selector) and ports the pool's endpoints are made of. */
    record PoolSpec(String selector, List<Integer> targetPorts) {
        static PoolSpec of(GenericKubernetesResource pool) {
            Map<String, Object> spec = map(pool.getAdditionalProperties().get("spec"));
            Map<String, String> labels = new TreeMap<>();
            map(map(spec.get("selector")).get("matchLabels")).forEach((k, v) -> labels.put(k, String.valueOf(v)));
            List<Integer> ports = new ArrayList<>();
            if (spec.get("targetPorts") instanceof List<?> list) {
                for (Object port : list) {
                    int number = intValue(map(port).get("number"));
                    if (number > 0 && number <= 65535) {
                        ports.add(number);
                    }
                }
            }
            String selector = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
            return new PoolSpec(selector, List.copyOf(ports));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static int intValue(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    private static <T> ResourceEventHandler<T> onAnyChange(Runnable action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                action.run();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                action.run();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                action.run();
            }
        };
    }

    /** Stops watching; the Kubernetes client belongs to the caller. */
    @Override
    public synchronized void close() {
        closed = true;
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {poolInformer, objectiveInformer, podInformer}) {
            if (informer != null) {
                informer.close();
            }
        }
    }
}
