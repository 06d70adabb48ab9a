package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * vLLM on a TPU slice host: an {@code apps/v1} Deployment whose pods take every TPU chip of a node, the node's
 * extra NICs through a DRANET resource claim, and the model weights read-only from Cloud Storage through the
 * Cloud Storage FUSE CSI driver; and a {@code v1} Service in front of the OpenAI API on port 8000.
 */
public class VllmTpuServer extends Construct {
    /** vLLM's API port: OpenAI endpoints, {@code /health} and {@code /metrics}. */
    public static final int PORT = 8000;
    public static final String CONTAINER_NAME = "vllm-tpu";
    /** The pod label the pool, the metric export and the Service select on. */
    public static final String APP_LABEL = "app";
    static final String CLAIM_NAME = "netdev";
    static final String WEIGHTS_VOLUME = "gcs-fuse-volume";
    static final String SHM_VOLUME = "dshm";

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
                        "metadata", KubernetesMaps.map("labels", podLabels, "annotations", podAnnotations(props)),
                        "spec", podSpec(props)));
    }

    private static Map<String, String> podAnnotations(VllmTpuServerProps props) {
        Map<String, String> annotations = new LinkedHashMap<>();
        // Makes GKE inject the Cloud Storage FUSE sidecar that serves the CSI volume.
        annotations.put("gke-gcsfuse/volumes", "true");
        annotations.putAll(props.fuseSidecarAnnotations());
        return annotations;
    }

    private static Map<String, Object> podSpec(VllmTpuServerProps props) {
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
                "volumes", List.of(
                        Map.of("name", SHM_VOLUME, "emptyDir", Map.of("medium", "Memory")),
                        weightsVolume(props)));
    }

    private static Map<String, Object> container(VllmTpuServerProps props) {
        Map<String, String> tpu = Map.of("google.com/tpu", Integer.toString(props.tpuChips()));
        return KubernetesMaps.map(
                "name", CONTAINER_NAME,
                "image", props.image(),
                "command", List.of("python3", "-m", "vllm.entrypoints.openai.api_server"),
                "args", args(props),
                "ports", List.of(Map.of("name", "http", "containerPort", PORT, "protocol", "TCP")),
                "readinessProbe", Map.of("httpGet", Map.of("path", "/health", "port", PORT),
                        "periodSeconds", 10, "failureThreshold", 3),
                "resources", Map.of("requests", tpu, "limits", tpu,
                        "claims", List.of(Map.of("name", CLAIM_NAME))),
                "volumeMounts", List.of(
                        Map.of("name", SHM_VOLUME, "mountPath", "/dev/shm"),
                        Map.of("name", WEIGHTS_VOLUME, "mountPath", props.mountPath(), "readOnly", true)));
    }

    private static List<String> args(VllmTpuServerProps props) {
        List<String> args = new ArrayList<>();
        args.add("--model=" + props.modelDirectory());
        if (props.servedModelName() != null) {
            args.add("--served-model-name=" + props.servedModelName());
        }
        // Tensor parallelism over every chip of the host: one pod serves the whole slice.
        args.add("--tensor-parallel-size=" + props.tpuChips());
        args.add("--port=" + PORT);
        args.addAll(props.extraArgs());
        return args;
    }

    private static Map<String, Object> weightsVolume(VllmTpuServerProps props) {
        return Map.of("name", WEIGHTS_VOLUME, "csi", Map.of(
                "driver", "gcsfuse.csi.storage.gke.io",
                "readOnly", true,
                "volumeAttributes", KubernetesMaps.map(
                        "bucketName", props.bucketName(),
                        "mountOptions", props.fuseMountOptions(),
                        "fileCacheCapacity", props.fileCacheCapacity(),
                        "fileCacheForRangeRead", Boolean.toString(props.fileCacheForRangeRead()))));
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
