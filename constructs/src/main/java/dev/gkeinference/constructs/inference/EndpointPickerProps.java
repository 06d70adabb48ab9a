package dev.gkeinference.constructs.inference;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of an {@link EndpointPicker}. The builder is generated ({@code EndpointPickerPropsBuilder}); a
 * picker jar on a JRE image starts from {@link #jarFromBucket}.
 *
 * @param poolName       the InferencePool the picker serves
 * @param namespace      namespace of the pool and the picker
 * @param name           name of the picker's Deployment and Service, which the pool's {@code endpointPickerRef}
 *                       names. Default: {@code <poolName>-epp}
 * @param serviceAccountName the account the picker runs as (see {@link EndpointPickerAccess}). Default: the name
 * @param image          container image. Default: {@link #UPSTREAM_IMAGE}
 * @param command        container command. Default: none, the image's entrypoint
 * @param args           container arguments. Default: the upstream picker's flags for this pool and the ports
 *                       9002/9003/9090
 * @param replicas       picker pods. Default: {@value #DEFAULT_REPLICAS} (the upstream picker is active-passive; more
 *                       replicas need leader election)
 * @param cpuRequest     CPU request. Default: {@value #DEFAULT_CPU_REQUEST}. The upstream chart asks 4 CPUs and 8Gi,
 *                       which no 4-vCPU system node can offer beside its system pods (the picker runs there: TPU
 *                       nodes are tainted)
 * @param memoryRequest  memory request. Default: {@value #DEFAULT_MEMORY_REQUEST}
 * @param memoryLimit    memory limit. Default: {@value #DEFAULT_MEMORY_LIMIT}
 * @param volumes        extra pod volumes, e.g. a Cloud Storage FUSE CSI volume holding a picker jar. Default: none
 * @param volumeMounts   extra mounts of the picker container. Default: none
 * @param podAnnotations pod annotations, e.g. {@code gke-gcsfuse/volumes: "true"} with a FUSE volume. Default: none
 * @param livenessService  the gRPC health service the liveness probe asks for on 9003. Default:
 *                         {@value #UPSTREAM_HEALTH_SERVICE}, the upstream picker's
 * @param readinessService the gRPC health service the readiness probe asks for on 9003. Default:
 *                         {@value #UPSTREAM_HEALTH_SERVICE}
 * @param terminationGracePeriodSeconds how long a stopping picker pod may keep serving its open streams: the
 *                         picker's drain plus the longest request. Default: {@value #DEFAULT_TERMINATION_GRACE_SECONDS}
 */
@Value.Builder
public record EndpointPickerProps(String poolName, String namespace, @Nullable String name,
        @Nullable String serviceAccountName, @Nullable String image, List<String> command, @Nullable List<String> args,
        @Nullable Integer replicas, @Nullable String cpuRequest, @Nullable String memoryRequest,
        @Nullable String memoryLimit, List<Volume> volumes, List<VolumeMount> volumeMounts,
        Map<String, String> podAnnotations, @Nullable String livenessService, @Nullable String readinessService,
        @Nullable Integer terminationGracePeriodSeconds) {

    public static final int DEFAULT_REPLICAS = 1;
    public static final String DEFAULT_CPU_REQUEST = "2";
    public static final String DEFAULT_MEMORY_REQUEST = "4Gi";
    public static final String DEFAULT_MEMORY_LIMIT = "8Gi";
    public static final int DEFAULT_TERMINATION_GRACE_SECONDS = 130;

    /** Where {@link #jarFromBucket} mounts the jar's folder. */
    public static final String JAR_MOUNT_PATH = "/plugin";
    /** The gRPC health service name the upstream picker answers for a single replica. */
    public static final String UPSTREAM_HEALTH_SERVICE = "inference-extension";
    static final String JAR_VOLUME = "picker-jar";
    /** Local copy of the jar: the picker never reads classes from the bucket once it runs. */
    static final String LOCAL_JAR_DIR = "/var/run/picker";
    static final String LOCAL_JAR_VOLUME = "picker-local";

    /**
     * The upstream picker: llm-d-router's endpoint picker, release v0.10.0 (the newest release tag confirmed; v0.11.0
     * is only reported). It reads InferenceObjectives of both API groups.
     */
    public static final String UPSTREAM_IMAGE = "ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.10.0";

    public EndpointPickerProps {
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(namespace, "namespace");
        image = Objects.requireNonNullElse(image, UPSTREAM_IMAGE);
        name = name == null ? defaultName(poolName) : name;
        serviceAccountName = serviceAccountName == null ? name : serviceAccountName;
        command = List.copyOf(command);
        args = args == null ? upstreamArgs(poolName, namespace) : List.copyOf(args);
        volumes = List.copyOf(volumes);
        volumeMounts = List.copyOf(volumeMounts);
        podAnnotations = Map.copyOf(podAnnotations);
        replicas = Objects.requireNonNullElse(replicas, DEFAULT_REPLICAS);
        cpuRequest = Objects.requireNonNullElse(cpuRequest, DEFAULT_CPU_REQUEST);
        memoryRequest = Objects.requireNonNullElse(memoryRequest, DEFAULT_MEMORY_REQUEST);
        memoryLimit = Objects.requireNonNullElse(memoryLimit, DEFAULT_MEMORY_LIMIT);
        livenessService = Objects.requireNonNullElse(livenessService, UPSTREAM_HEALTH_SERVICE);
        readinessService = Objects.requireNonNullElse(readinessService, UPSTREAM_HEALTH_SERVICE);
        terminationGracePeriodSeconds = Objects.requireNonNullElse(terminationGracePeriodSeconds,
                DEFAULT_TERMINATION_GRACE_SECONDS);
        if (terminationGracePeriodSeconds < 0) {
            throw new IllegalArgumentException("invalid termination grace period " + terminationGracePeriodSeconds
                    + " s: use 0 or more");
        }
        if (replicas < 1) {
            throw new IllegalArgumentException("invalid endpoint picker replica count " + replicas + ": use 1 or more,"
                    + " a pool without its picker cannot route");
        }
    }

    /** {@code <poolName>-epp}, the name the upstream chart gives a pool's picker. */
    public static String defaultName(String poolName) {
        return poolName + "-epp";
    }

    /**
     * The upstream picker's command line for a pool: its own defaults written out where they matter to the gateway
     * (TLS on the ext_proc port, which GKE's gateway expects; metrics behind API-server auth, see
     * {@link EndpointPickerAccessProps#metricsAuth}), tracing off (no collector runs beside it) and JSON logs.
     */
    public static List<String> upstreamArgs(String poolName, String namespace) {
        return List.of(
                "--pool-name", poolName,
                "--pool-namespace", namespace,
                "--pool-group", InferencePool.GROUP,
                "--grpc-port", Integer.toString(EndpointPicker.EXT_PROC_PORT),
                "--grpc-health-port", Integer.toString(EndpointPicker.HEALTH_PORT),
                "--metrics-port", Integer.toString(EndpointPicker.METRICS_PORT),
                "--secure-serving=true",
                "--metrics-endpoint-auth=true",
                "--tracing=false",
                "--zap-encoder=json");
    }

    public static EndpointPickerPropsBuilder builder() {
        return new EndpointPickerPropsBuilder();
    }

    /**
     * A builder preset to run a picker jar on a stock JRE image instead of a picker image (give it the pool and the
     * namespace as to {@link #builder()}): the jar's folder in a bucket is mounted read-only through Cloud Storage
     * FUSE at {@value #JAR_MOUNT_PATH}; the container copies the jar to a local emptyDir and starts it with
     * {@code java -jar}. The copy matters: a JVM reads classes from its jar lazily, and a new jar version replaces
     * the old object in the bucket before every region has rolled, so a picker running from the mount could lose its
     * classes mid-flight. The picker's service account needs read access to the bucket.
     *
     * @param jreImage   a JRE image with {@code sh} and {@code java} on the path and a pinned tag, e.g.
     *                   {@code eclipse-temurin:17.0.13_11-jre}
     * @param bucketName the bucket holding the jar
     * @param jarObject  the jar's object name, e.g. {@code plugins/picker-0123abcd.jar}
     * @param jarArgs    the picker's arguments
     */
    public static EndpointPickerPropsBuilder jarFromBucket(String jreImage, String bucketName, String jarObject,
            List<String> jarArgs) {
        int slash = jarObject.lastIndexOf('/');
        String folder = slash < 0 ? "" : jarObject.substring(0, slash);
        String mountOptions = folder.isEmpty() ? "implicit-dirs" : "implicit-dirs,only-dir=" + folder;
        String mountedJar = JAR_MOUNT_PATH + "/" + jarObject.substring(slash + 1);
        String localJar = LOCAL_JAR_DIR + "/picker.jar";
        return builder()
                .image(jreImage)
                // the heap gets 75% of the memory limit (the JVM default is 25%)
                .command(List.of("sh", "-c", "cp " + mountedJar + " " + localJar
                        + " && exec java -XX:MaxRAMPercentage=75 -jar " + localJar + " \"$@\"", "picker"))
                .args(jarArgs)
                .volumes(List.of(
                        WeightsMount.csiVolume(JAR_VOLUME, bucketName, mountOptions),
                        new VolumeBuilder().withName(LOCAL_JAR_VOLUME).withNewEmptyDir().endEmptyDir().build()))
                .volumeMounts(List.of(
                        new VolumeMountBuilder().withName(JAR_VOLUME).withMountPath(JAR_MOUNT_PATH).withReadOnly(true)
                                .build(),
                        new VolumeMountBuilder().withName(LOCAL_JAR_VOLUME).withMountPath(LOCAL_JAR_DIR).build()))
                .podAnnotations(Map.of("gke-gcsfuse/volumes", "true"));
    }
}
