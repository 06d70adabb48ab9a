package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import java.util.Map;
import software.constructs.Construct;

/**
 * The endpoint picker (EPP) of one InferencePool: the ext_proc service the gateway asks which pod serves each
 * request. A Deployment and a Service with ext_proc gRPC on 9002, gRPC health on 9003 (which GKE health-checks)
 * and Prometheus metrics on 9090. It runs as the service account of an {@link EndpointPickerAccess}, which may live
 * in an earlier stack.
 *
 * <p>The container is a seam: {@link EndpointPickerProps} takes the image, command, arguments, extra volumes and
 * pod annotations, so the picker can be the upstream image or, for example, a jar run on a stock JRE image with the
 * jar mounted from a bucket through Cloud Storage FUSE.
 */
public class EndpointPicker extends Construct implements IEndpointPicker {
    public static final int EXT_PROC_PORT = 9002;
    public static final int HEALTH_PORT = 9003;
    public static final int METRICS_PORT = 9090;
    public static final String CONTAINER_NAME = "epp";

    private final KubernetesObject deployment;
    private final KubernetesObject service;

    public EndpointPicker(Construct scope, String id, EndpointPickerProps props) {
        super(scope, id);
        String name = KubernetesNames.requireLabel("endpoint picker name", props.name());
        KubernetesNames.requireLabel("namespace name", props.namespace());
        Map<String, String> labels = Map.of("app", name);
        this.deployment = new KubernetesObject(this, "deployment", new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(props.namespace()).endMetadata()
                .withSpec(deploymentSpec(props, labels))
                .build());
        this.service = new KubernetesObject(this, "service", new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(props.namespace()).endMetadata()
                .withSpec(serviceSpec(labels))
                .build());
    }

    /**
     * A picker run outside this deployment (another release, another tool), for an {@link InferencePool} to name.
     * It creates nothing.
     *
     * @param serviceName its Service, in the pool's namespace
     * @param extProcPort the Service port of its ext_proc gRPC, 1-65535
     */
    public static IEndpointPicker fromServiceName(Construct scope, String id, String serviceName, int extProcPort) {
        return new Imported(scope, id, serviceName, extProcPort);
    }

    private static DeploymentSpec deploymentSpec(EndpointPickerProps props, Map<String, String> labels) {
        return new DeploymentSpecBuilder()
                .withReplicas(props.replicas())
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).withAnnotations(props.podAnnotations()).endMetadata()
                .withNewSpec()
                .withServiceAccountName(props.serviceAccountName())
                // Lets in-flight streams finish when a picker pod is replaced.
                .withTerminationGracePeriodSeconds((long) props.terminationGracePeriodSeconds())
                .withContainers(container(props))
                .withVolumes(props.volumes())
                .endSpec()
                .endTemplate()
                .build();
    }

    private static Container container(EndpointPickerProps props) {
        return new ContainerBuilder()
                .withName(CONTAINER_NAME)
                .withImage(props.image())
                .withCommand(props.command())
                .withArgs(props.args())
                .withEnv(fieldEnv("NAMESPACE", "metadata.namespace"), fieldEnv("POD_NAME", "metadata.name"))
                .addNewPort().withName("grpc").withContainerPort(EXT_PROC_PORT).endPort()
                .addNewPort().withName("grpc-health").withContainerPort(HEALTH_PORT).endPort()
                .addNewPort().withName("metrics").withContainerPort(METRICS_PORT).endPort()
                .withNewLivenessProbe()
                .withNewGrpc().withPort(HEALTH_PORT).withService(props.livenessService()).endGrpc()
                .withInitialDelaySeconds(5).withPeriodSeconds(10)
                .endLivenessProbe()
                .withNewReadinessProbe()
                .withNewGrpc().withPort(HEALTH_PORT).withService(props.readinessService()).endGrpc()
                .withPeriodSeconds(2)
                .endReadinessProbe()
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity(props.cpuRequest()),
                        "memory", new Quantity(props.memoryRequest())))
                .withLimits(Map.of("memory", new Quantity(props.memoryLimit())))
                .endResources()
                .withVolumeMounts(props.volumeMounts())
                .build();
    }

    private static EnvVar fieldEnv(String name, String fieldPath) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewFieldRef().withFieldPath(fieldPath).endFieldRef().endValueFrom()
                .build();
    }

    private static ServiceSpec serviceSpec(Map<String, String> labels) {
        return new ServiceSpecBuilder()
                .withSelector(labels)
                .addNewPort().withName("grpc-ext-proc").withProtocol("TCP").withPort(EXT_PROC_PORT)
                .withTargetPort(new IntOrString(EXT_PROC_PORT)).withAppProtocol("http2").endPort()
                .addNewPort().withName("grpc-health").withProtocol("TCP").withPort(HEALTH_PORT)
                .withTargetPort(new IntOrString(HEALTH_PORT)).endPort()
                .addNewPort().withName("http-metrics").withProtocol("TCP").withPort(METRICS_PORT)
                .withTargetPort(new IntOrString(METRICS_PORT)).endPort()
                .build();
    }

    @Override
    public String serviceName() {
        return service.name();
    }

    @Override
    public int extProcPort() {
        return EXT_PROC_PORT;
    }

    public KubernetesObject deployment() {
        return deployment;
    }

    /** The Service an InferencePool's {@code endpointPickerRef} names. */
    public KubernetesObject service() {
        return service;
    }

    /** A picker this deployment does not run: only its Service's name and port. */
    private static final class Imported extends Construct implements IEndpointPicker {
        private final String serviceName;
        private final int extProcPort;

        Imported(Construct scope, String id, String serviceName, int extProcPort) {
            super(scope, id);
            this.serviceName = KubernetesNames.requireLabel("endpoint picker service name", serviceName);
            if (extProcPort < 1 || extProcPort > 65535) {
                throw new IllegalArgumentException("endpoint picker port " + extProcPort
                        + " is not a port: use 1 to 65535");
            }
            this.extProcPort = extProcPort;
        }

        @Override
        public String serviceName() {
            return serviceName;
        }

        @Override
        public int extProcPort() {
            return extProcPort;
        }
    }
}
