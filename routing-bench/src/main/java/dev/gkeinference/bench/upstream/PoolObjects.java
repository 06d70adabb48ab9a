package dev.gkeinference.bench.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Kubernetes objects a GKE Inference Gateway deployment gives the upstream picker: the InferencePool (GIE
 * v1), one Ready pod per model server, and the resource types the picker discovers and watches.
 */
public final class PoolObjects {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final KubernetesApiServer.ResourceType PODS =
            new KubernetesApiServer.ResourceType("", "v1", "pods", "Pod");
    public static final KubernetesApiServer.ResourceType POOLS =
            new KubernetesApiServer.ResourceType("inference.networking.k8s.io", "v1", "inferencepools", "InferencePool");
    public static final KubernetesApiServer.ResourceType OBJECTIVES = new KubernetesApiServer.ResourceType(
            "inference.networking.x-k8s.io", "v1alpha2", "inferenceobjectives", "InferenceObjective");
    public static final KubernetesApiServer.ResourceType MODEL_REWRITES = new KubernetesApiServer.ResourceType(
            "inference.networking.x-k8s.io", "v1alpha2", "inferencemodelrewrites", "InferenceModelRewrite");

    /** Label selecting the model-server pods of the pool. */
    static final String APP_LABEL = "app";

    private PoolObjects() {
    }

    public static ObjectNode pool(String namespace, String name, int targetPort) {
        ObjectNode pool = object(POOLS, namespace, name, null);
        ObjectNode spec = pool.putObject("spec");
        spec.putObject("selector").putObject("matchLabels").put(APP_LABEL, name);
        spec.putArray("targetPorts").addObject().put("number", targetPort);
        spec.putObject("endpointPickerRef").put("name", name + "-epp").put("failureMode", "FailClose")
                .putObject("port").put("number", 9002);
        return pool;
    }

    /** A Running, Ready pod of the pool with the given IP (a loopback address where its simulator listens). */
    public static ObjectNode pod(String namespace, String poolName, String name, String ip) {
        ObjectNode pod = object(PODS, namespace, name, poolName);
        pod.putObject("spec").putArray("containers").addObject().put("name", "vllm").put("image", "vllm-simulator");
        ObjectNode status = pod.putObject("status").put("phase", "Running").put("podIP", ip);
        status.putArray("podIPs").addObject().put("ip", ip);
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        return pod;
    }

    private static ObjectNode object(KubernetesApiServer.ResourceType type, String namespace, String name,
                                     String appLabel) {
        ObjectNode o = JSON.createObjectNode().put("apiVersion", type.groupVersion()).put("kind", type.kind());
        ObjectNode metadata = o.putObject("metadata").put("name", name).put("namespace", namespace)
                .put("uid", UUID.nameUUIDFromBytes((namespace + "/" + type.kind() + "/" + name)
                        .getBytes(StandardCharsets.UTF_8)).toString())
                .put("creationTimestamp", "2026-01-01T00:00:00Z");
        if (appLabel != null) {
            metadata.putObject("labels").put(APP_LABEL, appLabel);
        }
        return o;
    }
}
