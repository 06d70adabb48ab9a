package dev.gkeinference.stacks.plan;

import dev.gkeinference.constructs.gateway.BalancingMode;
import dev.gkeinference.constructs.gke.DranetTpuNodePoolProps;
import dev.gkeinference.constructs.gateway.GatewayAddress;
import dev.gkeinference.constructs.gateway.InferenceGatewayProps;
import dev.gkeinference.constructs.gateway.PoolImportBackendPolicyProps;
import dev.gkeinference.constructs.inference.AutoscalingMetricProps;
import dev.gkeinference.constructs.inference.AutoscalingMetricSchema;
import dev.gkeinference.constructs.inference.EndpointPickerProps;
import dev.gkeinference.constructs.inference.FileCacheMedium;
import dev.gkeinference.constructs.inference.InferenceObjectiveGroup;
import dev.gkeinference.constructs.inference.InferenceObjectiveProps;
import dev.gkeinference.constructs.inference.InferencePoolProps;
import dev.gkeinference.constructs.inference.MetricExport;
import dev.gkeinference.constructs.inference.PickerFailureMode;
import dev.gkeinference.constructs.inference.VllmTpuServerProps;
import dev.gkeinference.constructs.inference.WeightsFileCache;
import dev.gkeinference.constructs.kubernetes.ContainerImages;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.tpu.TpuSlice;
import dev.gkeinference.stacks.config.GatewayConfig;
import dev.gkeinference.stacks.config.ModelConfig;
import dev.gkeinference.stacks.config.Problems;
import dev.gkeinference.stacks.config.ServingConfig;
import dev.gkeinference.stacks.config.yaml.KeyPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Resolves {@code model} and {@code serving} into a {@link ServingPlan}. Names, images, metrics and the balancing
 * mode are checked by the constructs' own rules; what is checked here is what only the config knows: which picker
 * keys go with which source, objective names unique in the pool, a balanced metric that is exported, reserved
 * addresses for regions of this deployment.
 */
final class ServingResolver {
    private static final String PATH = "serving.";

    private final Problems problems;
    private final ServingConfig serving;
    /** The resolved file cache, once the model server is resolved: a disk cache must fit every TPU boot disk. */
    private Optional<WeightsFileCache> weightsCache = Optional.empty();

    ServingResolver(Problems problems, ServingConfig serving) {
        this.problems = problems;
        this.serving = serving == null ? new ServingConfig(null, null, null, null, null, null, null, null, null)
                : serving;
    }

    /**
     * The serving plan, or nothing when a setting is wrong (the problems say which).
     *
     * @param deploymentName the default pool name; empty when it is wrong (already reported)
     * @param bucketName     the model bucket; empty when it is wrong (already reported)
     * @param regions        the deployment's regions, which reserved addresses must name
     */
    Optional<ServingPlan> resolve(ModelConfig model, Optional<String> deploymentName, Optional<String> bucketName,
            List<String> regions, ResolveOptions options) {
        String namespace = orDefault(serving.namespace(), ServingConfig.DEFAULT_NAMESPACE);
        boolean valid = name(PATH + "namespace", namespace, KubernetesNames::requireLabel, "namespace name");
        Optional<String> poolName = serving.pool() == null || serving.pool().name() == null ? deploymentName
                : Optional.of(serving.pool().name());
        // without a pool name (it would derive from a wrong deployment name) the names derived from it are not checked
        String pool = poolName.orElse("");
        valid &= poolName.isPresent()
                && name(PATH + "pool.name", pool, KubernetesNames::requireLabel, "pool name")
                && name(PATH + "pool.name", EndpointPickerProps.defaultName(pool), KubernetesNames::requireLabel,
                        "endpoint picker name");
        Optional<ServingPlan.ModelServer> modelServer = modelServer(model);
        Optional<ServingPlan.Picker> picker = picker(poolName, options);
        Optional<InferenceObjectiveGroup> group = serving.objectiveGroup() == null
                ? Optional.of(InferenceObjectiveGroup.LLM_D)
                : problems.value(PATH + "objectiveGroup", () -> InferenceObjectiveGroup.fromGroup(
                        serving.objectiveGroup()));
        Optional<List<InferenceObjectiveProps>> objectives = objectives(namespace, pool, group);
        Optional<List<MetricExport>> metrics = metrics();
        Optional<AutoscalingMetricSchema> schema = serving.autoscalingMetricSchema() == null
                ? Optional.of(AutoscalingMetricSchema.CURRENT)
                : problems.value(PATH + "autoscalingMetricSchema", () -> AutoscalingMetricSchema.fromValue(
                        serving.autoscalingMetricSchema()));
        Optional<ServingPlan.Gateway> gateway = gateway(metrics, regions);
        if (!valid || bucketName.isEmpty() || modelServer.isEmpty() || picker.isEmpty() || objectives.isEmpty()
                || metrics.isEmpty() || schema.isEmpty() || gateway.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServingPlan(namespace, bucketName.get(), modelServer.get(), pool, picker.get(),
                objectives.get(), group.get(), metrics.get(), schema.get(), gateway.get()));
    }

    /**
     * The vLLM model server runs one pod per TPU node, each on one host: a region needs at least one node and a
     * single-host slice (a multi-host slice needs LeaderWorkerSet).
     *
     * @param bootDiskSized whether the config sizes the region's TPU boot disk (a disk file cache needs that)
     */
    boolean requireServable(String regionPath, ClusterPlan cluster, boolean bootDiskSized) {
        DranetTpuNodePoolProps pool = cluster.tpuPool();
        TpuSlice slice = pool.slice();
        if (slice.multiHost()) {
            problems.add(regionPath + ".tpu.topology", "'" + slice.topology() + "' spans " + slice.hosts() + " hosts:"
                    + " the vLLM model server runs one pod per host and serves single-host slices only ("
                    + String.join(", ", singleHostTopologies(slice.machineType())) + " for " + slice.machineType()
                    + ")");
            return false;
        }
        if (pool.nodeCount() < 1) {
            problems.add(regionPath + ".tpu.nodeCount", "'" + pool.nodeCount() + "' must be at least 1: the model"
                    + " server runs one pod per TPU node");
            return false;
        }
        return weightsCache.filter(cache -> cache.medium() == FileCacheMedium.BOOT_DISK)
                .map(cache -> fitsBootDisk(regionPath + ".tpu.bootDiskSizeGb", cache, bootDiskSized
                        ? Optional.of(pool.bootDiskSizeGb()) : Optional.empty()))
                .orElse(true);
    }

    /** A disk file cache needs a boot disk sized for it: written in the config, and large enough. */
    private boolean fitsBootDisk(String path, WeightsFileCache cache, Optional<Integer> bootDiskGb) {
        if (bootDiskGb.isEmpty()) {
            problems.add(path, "missing - serving.modelServer.weightsCache puts " + cache.sizeGib() + " GiB of file"
                    + " cache on the TPU boot disk: size the disk for it, at least " + cache.minimumBootDiskGb()
                    + " GB");
            return false;
        }
        Optional<String> problem = cache.bootDiskProblem(bootDiskGb.get());
        problem.ifPresent(p -> problems.add(path, "'" + bootDiskGb.get() + "' is too small for"
                + " serving.modelServer.weightsCache: " + p));
        return problem.isEmpty();
    }

    private static List<String> singleHostTopologies(String machineType) {
        return TpuSlice.topologiesFor(machineType).stream()
                .filter(topology -> !new TpuSlice(machineType, topology).multiHost()).toList();
    }

    private Optional<ServingPlan.ModelServer> modelServer(ModelConfig model) {
        ServingConfig.ModelServer server = serving.modelServer() == null
                ? new ServingConfig.ModelServer(null, null, null, null, null, null, null) : serving.modelServer();
        String name = orDefault(server.name(), ServingConfig.DEFAULT_MODEL_SERVER_NAME);
        String image = orDefault(server.image(), ServingConfig.DEFAULT_MODEL_SERVER_IMAGE);
        String account = orDefault(server.serviceAccount(), ServingConfig.DEFAULT_MODEL_SERVER_ACCOUNT);
        boolean valid = name(PATH + "modelServer.name", name, KubernetesNames::requireLabel, "Deployment name")
                & problems.check(PATH + "modelServer.image", () -> ContainerImages.requirePinned(image,
                        ServingConfig.DEFAULT_MODEL_SERVER_IMAGE))
                & name(PATH + "modelServer.serviceAccount", account, KubernetesNames::requireSubdomain,
                        "service account name")
                & model(model)
                & problems.check(PATH + "modelServer.maxModelLen", () -> VllmTpuServerProps.requireMaxModelLen(
                        server.maxModelLen()));
        double share = server.gpuMemoryUtilization() == null ? VllmTpuServerProps.DEFAULT_GPU_MEMORY_UTILIZATION
                : server.gpuMemoryUtilization();
        valid &= problems.check(PATH + "modelServer.gpuMemoryUtilization",
                () -> VllmTpuServerProps.requireGpuMemoryUtilization(share));
        weightsCache = weightsCache(server.weightsCache());
        int memoryGib = weightsCache.map(cache -> server.memoryGi() == null ? cache.minimumMemoryGib()
                : server.memoryGi()).orElse(0);
        valid &= weightsCache.isPresent() && (server.memoryGi() == null || problems.check(
                PATH + "modelServer.memoryGi", () -> weightsCache.get().memoryProblem(memoryGib).ifPresent(problem -> {
                    throw new IllegalArgumentException("'" + memoryGib + "' is too small: " + problem);
                })));
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new ServingPlan.ModelServer(name, image, account, model.name(), model.weightsPath(),
                model.servingArgs() == null ? List.of() : model.servingArgs(), server.maxModelLen(), share, memoryGib,
                weightsCache.get()));
    }

    /** The file cache of the weights; without a medium or size where one is needed, nothing (reported). */
    private Optional<WeightsFileCache> weightsCache(ServingConfig.WeightsCache cache) {
        if (cache == null) {
            return Optional.of(VllmTpuServerProps.DEFAULT_WEIGHTS_CACHE);
        }
        String path = PATH + "modelServer.weightsCache.";
        Optional<FileCacheMedium> medium = problems.value(path + "medium", () -> FileCacheMedium.fromValue(
                cache.medium()));
        if (medium.isEmpty()) {
            return Optional.empty();
        }
        if (medium.get() == FileCacheMedium.NONE) {
            if (cache.sizeGi() != null) {
                problems.add(path + "sizeGi", "'" + cache.sizeGi() + "' applies to medium memory or bootDisk only;"
                        + " remove it");
                return Optional.empty();
            }
            return Optional.of(WeightsFileCache.NO_CACHE);
        }
        if (cache.sizeGi() == null || cache.sizeGi() < 1) {
            problems.add(path + "sizeGi", (cache.sizeGi() == null ? "missing" : "'" + cache.sizeGi() + "'") + " - a "
                    + medium.get().value() + " file cache needs its size, 1 GiB or more (at least the size of the"
                    + " weights, to hold them all)");
            return Optional.empty();
        }
        return Optional.of(new WeightsFileCache(medium.get(), cache.sizeGi()));
    }

    private boolean model(ModelConfig model) {
        if (model == null) {
            problems.add("model", "missing - the model (name, weightsPath) is required");
            return false;
        }
        boolean valid = true;
        if (model.name() == null || model.name().isBlank()) {
            problems.add("model.name", Problems.quote(model.name()) + " - the served model name is required, e.g."
                    + " google/gemma-3-27b-it");
            valid = false;
        }
        valid &= problems.check("model.weightsPath", () -> VllmTpuServerProps.requireModelPath(model.weightsPath()));
        List<String> args = model.servingArgs() == null ? List.of() : model.servingArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            valid &= problems.check("model.servingArgs[" + i + "]", () -> VllmTpuServerProps.requireArgument(arg));
        }
        return valid;
    }

    private Optional<ServingPlan.Picker> picker(Optional<String> pool, ResolveOptions options) {
        ServingConfig.EndpointPicker picker = serving.endpointPicker() == null
                ? new ServingConfig.EndpointPicker(null, null, null, null, null, null) : serving.endpointPicker();
        Optional<String> account = picker.serviceAccount() != null ? Optional.of(picker.serviceAccount())
                : pool.map(EndpointPickerProps::defaultName);
        boolean valid = account.isPresent() && name(PATH + "endpointPicker.serviceAccount", account.get(),
                KubernetesNames::requireSubdomain, "service account name");
        Optional<PickerFailureMode> failureMode = picker.failureMode() == null
                ? Optional.of(InferencePoolProps.DEFAULT_FAILURE_MODE)
                : problems.value(PATH + "endpointPicker.failureMode", () -> PickerFailureMode.fromValue(
                        picker.failureMode()));
        String source = orDefault(picker.source(), ServingConfig.EndpointPicker.BUNDLED);
        Optional<Optional<Path>> jar = switch (source) {
            case ServingConfig.EndpointPicker.BUNDLED -> bundled(picker, options).map(Optional::of);
            case ServingConfig.EndpointPicker.UPSTREAM -> upstream(picker) ? Optional.of(Optional.empty())
                    : Optional.empty();
            default -> {
                problems.add(PATH + "endpointPicker.source", Problems.quote(source) + " is not a picker source:"
                        + " allowed are " + ServingConfig.EndpointPicker.BUNDLED + ", "
                        + ServingConfig.EndpointPicker.UPSTREAM);
                yield Optional.empty();
            }
        };
        if (!valid || failureMode.isEmpty() || jar.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServingPlan.Picker(jar.get(), orDefault(picker.jreImage(),
                ServingConfig.DEFAULT_PICKER_JRE_IMAGE), orDefault(picker.image(), EndpointPickerProps.UPSTREAM_IMAGE),
                account.get(), failureMode.get()));
    }

    /** The jar, resolved against the working directory; it must exist when the plan is for synthesis. */
    private Optional<Path> bundled(ServingConfig.EndpointPicker picker, ResolveOptions options) {
        String at = PATH + "endpointPicker.";
        boolean valid = misplaced(at + "image", picker.image(), ServingConfig.EndpointPicker.UPSTREAM);
        String jreImage = orDefault(picker.jreImage(), ServingConfig.DEFAULT_PICKER_JRE_IMAGE);
        valid &= problems.check(at + "jreImage", () -> ContainerImages.requirePinned(jreImage,
                ServingConfig.DEFAULT_PICKER_JRE_IMAGE));
        Path jar = Path.of(options.pickerJar().orElse(orDefault(picker.jar(), ServingConfig.DEFAULT_PICKER_JAR)))
                .toAbsolutePath().normalize();
        if (options.pickerJarMustExist() && !Files.isRegularFile(jar)) {
            problems.add(at + "jar", "'" + jar + "' not found: the bundled endpoint picker needs the routing-plugin"
                    + " jar. Build it (./dev synth builds it; or mvn -B -ntp -q -pl routing-plugin -am install), give"
                    + " its path, or set serving.endpointPicker.source: upstream to deploy the upstream picker image");
            valid = false;
        }
        return valid ? Optional.of(jar) : Optional.empty();
    }

    private boolean upstream(ServingConfig.EndpointPicker picker) {
        String at = PATH + "endpointPicker.";
        boolean valid = misplaced(at + "jar", picker.jar(), ServingConfig.EndpointPicker.BUNDLED)
                & misplaced(at + "jreImage", picker.jreImage(), ServingConfig.EndpointPicker.BUNDLED);
        String image = orDefault(picker.image(), EndpointPickerProps.UPSTREAM_IMAGE);
        return valid & problems.check(at + "image", () -> ContainerImages.requirePinned(image,
                EndpointPickerProps.UPSTREAM_IMAGE));
    }

    /** A key of the other picker source is a mistake, never ignored. */
    private boolean misplaced(String path, String value, String source) {
        if (value == null) {
            return true;
        }
        problems.add(path, Problems.quote(value) + " applies to source: " + source + " only; remove it, or set "
                + PATH + "endpointPicker.source: " + source);
        return false;
    }

    private Optional<List<InferenceObjectiveProps>> objectives(String namespace, String pool,
            Optional<InferenceObjectiveGroup> group) {
        List<ServingConfig.Objective> objectives = serving.objectives() == null ? List.of() : serving.objectives();
        Set<String> seen = new HashSet<>();
        boolean valid = true;
        for (int i = 0; i < objectives.size(); i++) {
            String name = objectives.get(i).name();
            String path = PATH + "objectives[" + i + "].name";
            valid &= name(path, name, KubernetesNames::requireSubdomain, "objective name");
            if (name != null && !seen.add(name)) {
                problems.add(path, Problems.quote(name) + " appears twice: objective names are unique in a pool");
                valid = false;
            }
        }
        if (!valid || group.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(objectives.stream().map(o -> InferenceObjectiveProps.builder().name(o.name())
                .namespace(namespace).poolName(pool).priority(o.priority()).group(group.get()).build()).toList());
    }

    private Optional<List<MetricExport>> metrics() {
        if (serving.exportedMetrics() == null) {
            return Optional.of(List.of(MetricExport.VLLM_KV_CACHE));
        }
        List<ServingConfig.ExportedMetric> metrics = serving.exportedMetrics();
        boolean valid = problems.check(PATH + "exportedMetrics", () -> AutoscalingMetricProps.requireMetricCount(
                metrics.size()));
        for (int i = 0; i < metrics.size(); i++) {
            ServingConfig.ExportedMetric metric = metrics.get(i);
            String path = PATH + "exportedMetrics[" + i + "]";
            valid &= problems.check(path + ".name", () -> MetricExport.requireMetricName(metric.name()))
                    & problems.check(path + ".exportName", () -> MetricExport.requireExportName(metric.exportName()));
        }
        valid &= problems.check(PATH + "exportedMetrics", () -> AutoscalingMetricProps.requireDistinctExportNames(
                metrics.stream().map(ServingConfig.ExportedMetric::exportName).toList()));
        return valid ? Optional.of(metrics.stream().map(m -> new MetricExport(m.name(), m.exportName())).toList())
                : Optional.empty();
    }

    private Optional<ServingPlan.Gateway> gateway(Optional<List<MetricExport>> metrics, List<String> regions) {
        GatewayConfig gateway = serving.gateway() == null ? new GatewayConfig(null, null, null) : serving.gateway();
        String name = orDefault(gateway.name(), InferenceGatewayProps.DEFAULT_NAME);
        boolean valid = name(PATH + "gateway.name", name, KubernetesNames::requireSubdomain, "gateway name");
        Map<String, String> reserved = gateway.reservedAddresses() == null ? Map.of() : gateway.reservedAddresses();
        for (Map.Entry<String, String> address : reserved.entrySet()) {
            valid &= reservedAddress(address.getKey(), address.getValue(), regions);
        }
        GatewayConfig.BackendPolicy policy = gateway.backendPolicy() == null
                ? new GatewayConfig.BackendPolicy(null, null, null, null, null) : gateway.backendPolicy();
        Optional<BalancingMode> mode = balancingMode(policy, metrics);
        int timeout = policy.timeoutSec() == null ? PoolImportBackendPolicyProps.DEFAULT_TIMEOUT_SEC
                : policy.timeoutSec();
        valid &= problems.check(PATH + "gateway.backendPolicy.timeoutSec",
                () -> PoolImportBackendPolicyProps.requireTimeoutSec(timeout));
        if (!valid || mode.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServingPlan.Gateway(name, reserved, mode.get(), timeout));
    }

    private boolean reservedAddress(String region, String address, List<String> regions) {
        String path = KeyPath.child(PATH + "gateway.reservedAddresses", region);
        if (!regions.contains(region)) {
            problems.add(path, Problems.quote(region) + " is not a region of this deployment: allowed are "
                    + String.join(", ", regions));
            return false;
        }
        return problems.check(path, () -> GatewayAddress.reserved(region, address));
    }

    private Optional<BalancingMode> balancingMode(GatewayConfig.BackendPolicy policy,
            Optional<List<MetricExport>> metrics) {
        String path = PATH + "gateway.backendPolicy";
        String mode = orDefault(policy.balancingMode(), GatewayConfig.CUSTOM_METRICS);
        if (GatewayConfig.CUSTOM_METRICS.equals(mode)) {
            return customMetrics(policy, metrics, path);
        }
        if (GatewayConfig.IN_FLIGHT.equals(mode)) {
            boolean valid = otherMode(path + ".metric", policy.metric(), GatewayConfig.CUSTOM_METRICS, mode)
                    & otherMode(path + ".maxUtilizationPercent", policy.maxUtilizationPercent(),
                            GatewayConfig.CUSTOM_METRICS, mode)
                    & problems.check(path + ".maxInFlightRequestsPerEndpoint",
                            () -> BalancingMode.requireInFlightLimit(policy.maxInFlightRequestsPerEndpoint()));
            return valid ? Optional.of(BalancingMode.inFlight(policy.maxInFlightRequestsPerEndpoint()))
                    : Optional.empty();
        }
        problems.add(path + ".balancingMode", Problems.quote(mode) + " is not a balancing mode: allowed are "
                + GatewayConfig.CUSTOM_METRICS + ", " + GatewayConfig.IN_FLIGHT);
        return Optional.empty();
    }

    private Optional<BalancingMode> customMetrics(GatewayConfig.BackendPolicy policy,
            Optional<List<MetricExport>> metrics, String path) {
        String metric = orDefault(policy.metric(), MetricExport.VLLM_KV_CACHE.exportName());
        int percent = policy.maxUtilizationPercent() == null
                ? PoolImportBackendPolicyProps.DEFAULT_MAX_UTILIZATION_PERCENT : policy.maxUtilizationPercent();
        boolean valid = otherMode(path + ".maxInFlightRequestsPerEndpoint", policy.maxInFlightRequestsPerEndpoint(),
                GatewayConfig.IN_FLIGHT, GatewayConfig.CUSTOM_METRICS)
                & problems.check(path + ".maxUtilizationPercent", () -> BalancingMode.requireUtilizationPercent(
                        percent));
        if (metrics.isPresent()) {
            List<String> exported = metrics.get().stream().map(MetricExport::exportName).toList();
            if (!exported.contains(metric)) {
                problems.add(path + ".metric", Problems.quote(metric) + " is not an exported metric: allowed are the"
                        + " serving.exportedMetrics export names " + exported);
                valid = false;
            }
        }
        return valid && metrics.isPresent() ? Optional.of(BalancingMode.customMetric(metric, percent))
                : Optional.empty();
    }

    /** A setting of the other balancing mode: one policy has one mode. */
    private boolean otherMode(String path, Object value, String itsMode, String mode) {
        if (value == null) {
            return true;
        }
        problems.add(path, "'" + value + "' belongs to balancing mode " + itsMode + ", but the mode is " + mode
                + ": one policy has one balancing mode, remove it or set balancingMode: " + itsMode);
        return false;
    }

    /** A Kubernetes name rule of {@link KubernetesNames}, at a key path. */
    private boolean name(String path, String value, BiFunction<String, String, String> rule, String what) {
        return problems.check(path, () -> rule.apply(what, value));
    }

    private static String orDefault(String value, String defaultValue) {
        return Objects.requireNonNullElse(value, defaultValue);
    }
}
