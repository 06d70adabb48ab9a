package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
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
        this.deployment = new KubernetesObject(this, "deployment", new DeploymentBuilder()
                .withNewMetadata().withName(props.name()).withNamespace(props.namespace()).endMetadata()
                .withSpec(deploymentSpec(props))
                .build());
        this.service = new KubernetesObject(this, "service", new ServiceBuilder()
                .withNewMetadata()
                .withName(KubernetesNames.requireLabel("service name", props.serviceName()))
                .withNamespace(props.namespace())
                .endMetadata()
                .withNewSpec()
                .withSelector(podLabels)
                .addNewPort().withName("http").withProtocol("TCP").withPort(PORT).withTargetPort(new IntOrString(PORT))
                .endPort()
                .endSpec()
                .build());
    }

    private DeploymentSpec deploymentSpec(VllmTpuServerProps props) {
        return new DeploymentSpecBuilder()
                .withReplicas(props.replicas())
                .withNewSelector().withMatchLabels(podLabels).endSelector()
                // Each pod takes a whole TPU host, so there is never room for a surge pod: replace in place.
                .withNewStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString(0)).withMaxUnavailable(new IntOrString(1))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .withAnnotations(WeightsMount.sidecarAnnotations(props.weightsCache()))
                .endMetadata()
                .withSpec(podSpec(props))
                .endTemplate()
                .build();
    }

    private static PodSpec podSpec(VllmTpuServerProps props) {
        List<Volume> volumes = new ArrayList<>(List.of(
                new VolumeBuilder().withName(SHM_VOLUME).withNewEmptyDir().withMedium("Memory").endEmptyDir().build(),
                new VolumeBuilder().withName(XLA_CACHE_VOLUME)
                        .withNewEmptyDir().withSizeLimit(new Quantity("10Gi")).endEmptyDir().build(),
                WeightsMount.volume(WEIGHTS_VOLUME, props.bucketName(), props.modelPath(), props.weightsCache())));
        WeightsMount.cacheVolume(FUSE_CACHE_VOLUME, props.weightsCache()).ifPresent(volumes::add);
        return new PodSpecBuilder()
                .withServiceAccountName(props.serviceAccountName())
                .withNodeSelector(Map.of(
                        "cloud.google.com/gke-tpu-accelerator", props.tpuAccelerator(),
                        "cloud.google.com/gke-tpu-topology", props.tpuTopology()))
                // GKE taints TPU nodes google.com/tpu=present:NoSchedule and usually adds this toleration to pods
                // that request TPUs; declaring it keeps the pod schedulable without relying on that.
                .addNewToleration().withKey("google.com/tpu").withOperator("Exists").withEffect("NoSchedule")
                .endToleration()
                .addNewResourceClaim().withName(CLAIM_NAME).withResourceClaimTemplateName(props.claimTemplateName())
                .endResourceClaim()
                .withContainers(container(props))
                .withVolumes(volumes)
                .build();
    }

    private static Container container(VllmTpuServerProps props) {
        Quantity tpu = new Quantity(Integer.toString(props.tpuChips()));
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(props.image())
                .withCommand("vllm", "serve")
                .withArgs(args(props))
                .addNewEnv().withName("VLLM_XLA_CACHE_PATH").withValue(XLA_CACHE_PATH).endEnv()
                .addNewPort().withName("http").withContainerPort(PORT).withProtocol("TCP").endPort()
                // Loading the weights and compiling XLA graphs takes many minutes on a cold start: an hour's budget.
                .withStartupProbe(healthProbe(10, 360))
                .withReadinessProbe(healthProbe(5, 3))
                // /health fails once the engine has died; a restart reuses the XLA cache.
                .withLivenessProbe(healthProbe(10, 6))
                .withNewResources()
                .withRequests(Map.of("google.com/tpu", tpu, "memory", new Quantity(props.memoryGib() + "Gi")))
                .withLimits(Map.of("google.com/tpu", tpu))
                .addNewClaim().withName(CLAIM_NAME).endClaim()
                .endResources()
                .addNewVolumeMount().withName(SHM_VOLUME).withMountPath("/dev/shm").endVolumeMount()
                .addNewVolumeMount().withName(XLA_CACHE_VOLUME).withMountPath(XLA_CACHE_PATH).endVolumeMount()
                .addNewVolumeMount().withName(WEIGHTS_VOLUME).withMountPath(props.mountPath()).withReadOnly(true)
                .endVolumeMount()
                .build();
    }

    private static Probe healthProbe(int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath("/health").withPort(new IntOrString(PORT)).endHttpGet()
                .withPeriodSeconds(periodSeconds).withTimeoutSeconds(5).withFailureThreshold(failureThreshold)
                .build();
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
