package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * vLLM on a TPU slice host: an {@code apps/v1} Deployment whose pods take every TPU chip of a node, the node's
 * extra NICs through a DRANET resource claim, and the model weights read-only from Cloud Storage through the
 * Cloud Storage FUSE CSI driver; and a {@code v1} Service in front of the OpenAI API on port 8000. The container
 * runs {@code vllm serve} with Google's TPU recipe settings, tensor parallel over the host's chips.
 */
public class VllmTpuServer extends Construct {
    /** vLLM's API port: OpenAI endpoints, {@code /health} and {@code /metrics}. */
    public static final int PORT = 8000;
    public static final String CONTAINER_NAME = "vllm-tpu";
    /** The pod label the pool, the metric export and the Service select on. */
    public static final String APP_LABEL = "app";
    /** Where compiled XLA graphs are kept, so a restarted container skips most of the compilation. */
    static final String XLA_CACHE_PATH = "/var/cache/vllm-xla";
    static final String CLAIM_NAME = "netdev";
    static final String WEIGHTS_VOLUME = "gcs-fuse-volume";
    static final String SHM_VOLUME = "dshm";
    static final String XLA_CACHE_VOLUME = "xla-cache";
    /** The volume name the FUSE sidecar takes as its file cache. */
    static final String FUSE_CACHE_VOLUME = "gke-gcsfuse-cache";

    private final KubernetesObject deployment;
    private final KubernetesObject service;
    private final Map<String, String> podLabels;

    public VllmTpuServer(Construct scope, String id, VllmTpuServerProps props) {
        super(scope, id);
        KubernetesNames.requireLabel("model server name", props.name());
        KubernetesNames.requireLabel("namespace name", props.namespace());
        this.podLabels = Map.of(APP_LABEL, props.appLabel());
        this.deployment = new KubernetesObject(this, "deployment", KubernetesMaps.object("apps/v1", "Deployment",
                KubernetesMaps.metadata(props.name(), props.namespace()), deploymentSpec(props)));
        this.service = new KubernetesObject(this, "service", KubernetesMaps.object("v1", "Service",
                KubernetesMaps.metadata(KubernetesNames.requireLabel("service name", props.serviceName()),
                        props.namespace()),
                Map.of("selector", podLabels,
                        "ports", List.of(Map.of("name", "http", "protocol", "TCP", "port", PORT,
                                "targetPort", PORT)))));
    }

    private Map<String, Object> deploymentSpec(VllmTpuServerProps props) {
        return KubernetesMaps.map(
                "replicas", props.replicas(),
                "selector", Map.of("matchLabels", podLabels),
                // Each pod takes a whole TPU host, so there is never room for a surge pod: replace in place.
                "strategy", Map.of("type", "RollingUpdate",
                        "rollingUpdate", Map.of("maxSurge", 0, "maxUnavailable", 1)),
                "template", Map.of(
                        "metadata", KubernetesMaps.map("labels", podLabels,
                                "annotations", WeightsMount.sidecarAnnotations(props.weightsCache())),
                        "spec", podSpec(props)));
    }

    private static Map<String, Object> podSpec(VllmTpuServerProps props) {
        List<Map<String, Object>> volumes = new ArrayList<>(List.of(
                Map.of("name", SHM_VOLUME, "emptyDir", Map.of("medium", "Memory")),
                Map.of("name", XLA_CACHE_VOLUME, "emptyDir", Map.of("sizeLimit", "10Gi")),
                WeightsMount.volume(WEIGHTS_VOLUME, props.bucketName(), props.modelPath(), props.weightsCache())));
        WeightsMount.cacheVolume(FUSE_CACHE_VOLUME, props.weightsCache()).ifPresent(volumes::add);
        return KubernetesMaps.map(
                "serviceAccountName", props.serviceAccountName(),
                "nodeSelector", Map.of(
                        "cloud.google.com/gke-tpu-accelerator", props.tpuAccelerator(),
                        "cloud.google.com/gke-tpu-topology", props.tpuTopology()),
                // GKE taints TPU nodes google.com/tpu=present:NoSchedule and usually adds this toleration to pods
                // that request TPUs; declaring it keeps the pod schedulable without relying on that.
                "tolerations", List.of(Map.of("key", "google.com/tpu", "operator", "Exists",
                        "effect", "NoSchedule")),
                "resourceClaims", List.of(Map.of("name", CLAIM_NAME,
                        "resourceClaimTemplateName", props.claimTemplateName())),
                "containers", List.of(container(props)),
                "volumes", volumes);
    }

    private static Map<String, Object> container(VllmTpuServerProps props) {
        String tpu = Integer.toString(props.tpuChips());
        return KubernetesMaps.map(
                "name", CONTAINER_NAME,
                "image", props.image(),
                "command", List.of("vllm", "serve"),
                "args", args(props),
                "env", List.of(Map.of("name", "VLLM_XLA_CACHE_PATH", "value", XLA_CACHE_PATH)),
                "ports", List.of(Map.of("name", "http", "containerPort", PORT, "protocol", "TCP")),
                // Loading the weights and compiling XLA graphs takes many minutes on a cold start: an hour's budget.
                "startupProbe", healthProbe(10, 360),
                "readinessProbe", healthProbe(5, 3),
                // /health fails once the engine has died; a restart reuses the XLA cache.
                "livenessProbe", healthProbe(10, 6),
                "resources", Map.of(
                        "requests", Map.of("google.com/tpu", tpu, "memory", props.memoryGib() + "Gi"),
                        "limits", Map.of("google.com/tpu", tpu),
                        "claims", List.of(Map.of("name", CLAIM_NAME))),
                "volumeMounts", List.of(
                        Map.of("name", SHM_VOLUME, "mountPath", "/dev/shm"),
                        Map.of("name", XLA_CACHE_VOLUME, "mountPath", XLA_CACHE_PATH),
                        Map.of("name", WEIGHTS_VOLUME, "mountPath", props.mountPath(), "readOnly", true)));
    }

    private static Map<String, Object> healthProbe(int periodSeconds, int failureThreshold) {
        return Map.of("httpGet", Map.of("path", "/health", "port", PORT),
                "periodSeconds", periodSeconds, "timeoutSeconds", 5, "failureThreshold", failureThreshold);
    }

    private static List<String> args(VllmTpuServerProps props) {
        List<String> args = new ArrayList<>();
        // The mount holds only the weights directory.
        args.add(props.mountPath());
        if (props.servedModelName() != null) {
            args.add("--served-model-name=" + props.servedModelName());
        }
        args.add("--port=" + PORT);
        // Tensor parallelism over every chip of the host: one pod serves the whole slice.
        args.add("--tensor-parallel-size=" + props.tpuChips());
        if (props.maxModelLen() != null) {
            args.add("--max-model-len=" + props.maxModelLen());
        }
        args.add("--gpu-memory-utilization=" + props.gpuMemoryUtilization());
        // Prompts stay out of the logs.
        args.add("--no-enable-log-requests");
        args.addAll(props.extraArgs());
        return args;
    }

    public KubernetesObject deployment() {
        return deployment;
    }

    public KubernetesObject service() {
        return service;
    }

    /** The labels of the model-server pods, for pools and metric exports. */
    public Map<String, String> podLabels() {
        return podLabels;
    }
}
