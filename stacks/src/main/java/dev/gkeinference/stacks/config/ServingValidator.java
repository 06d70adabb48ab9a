package dev.gkeinference.stacks.config;

import dev.gkeinference.constructs.gateway.GatewayAddress;
import dev.gkeinference.constructs.inference.EndpointPickerProps;
import dev.gkeinference.constructs.inference.AutoscalingMetric;
import dev.gkeinference.constructs.inference.AutoscalingMetricSchema;
import dev.gkeinference.constructs.inference.FileCacheMedium;
import dev.gkeinference.constructs.inference.InferenceObjectiveGroup;
import dev.gkeinference.constructs.inference.MetricExport;
import dev.gkeinference.constructs.inference.PickerFailureMode;
import dev.gkeinference.constructs.inference.VllmTpuServer;
import dev.gkeinference.constructs.inference.VllmTpuServerProps;
import dev.gkeinference.constructs.inference.WeightsFileCache;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.tpu.TpuSlice;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Checks the {@code serving} part of a config and the cross-cluster invariants of the gateway. Every problem names
 * the key path, the bad value and what is allowed.
 */
public final class ServingValidator {
    /** A regional cluster's nodes span the region's zones (three in TPU v6e regions), and NEGs follow the nodes. */
    static final int ZONES_PER_REGIONAL_CLUSTER = 3;
    private static final int MAX_TIMEOUT_SEC = 86400;

    private final DeploymentConfig config;
    private final ServingConfig serving;
    private final List<String> problems = new ArrayList<>();

    private ServingValidator(DeploymentConfig config) {
        this.config = config;
        this.serving = config.serving();
    }

    /**
     * The problems of the serving settings.
     *
     * @param earlierProblems problems found already; a region whose TPU settings are wrong is not checked again
     */
    public static List<String> problems(DeploymentConfig config, List<String> earlierProblems) {
        ServingValidator validator = new ServingValidator(config);
        validator.checkNames();
        validator.checkImages();
        validator.checkModelServer(earlierProblems);
        validator.checkObjectives();
        validator.checkMetrics();
        validator.checkGateway();
        validator.checkSlices(earlierProblems);
        // The count of config clusters is ConfigValidator's to report (regions[*].configCluster).
        validator.problems.addAll(CrossClusterValidator.sharedSettingProblems(plans(config)));
        validator.problems.addAll(CrossClusterValidator.negBudgetProblems(plans(config)));
        return List.copyOf(validator.problems);
    }

    /** What each region's cluster contributes to the gateway, as this config builds it. */
    public static List<ClusterServingPlan> plans(DeploymentConfig config) {
        ServingConfig serving = config.serving();
        List<ClusterServingPlan> plans = new ArrayList<>();
        for (int i = 0; i < config.regions().size(); i++) {
            RegionConfig region = config.regions().get(i);
            plans.add(new ClusterServingPlan("regions[" + i + "]", region.region(), region.isConfigCluster(),
                    config.networkName(), serving.poolName(config),
                    serving.objectives().stream().map(ServingConfig.Objective::name).toList(),
                    List.of(VllmTpuServer.PORT), ZONES_PER_REGIONAL_CLUSTER));
        }
        return plans;
    }

    private void problem(String path, Object value, String allowed) {
        problems.add(path + ": " + (value == null ? "missing" : "'" + value + "'") + " " + allowed);
    }

    private void kubernetesName(String path, String value, BiFunction<String, String, String> rule, String what) {
        try {
            rule.apply(what, value);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
        }
    }

    private void checkNames() {
        kubernetesName("serving.namespace", serving.effectiveNamespace(), KubernetesNames::requireLabel,
                "namespace name");
        kubernetesName("serving.modelServer.name", serving.modelServerName(), KubernetesNames::requireLabel,
                "Deployment name");
        kubernetesName("serving.modelServer.serviceAccount", serving.modelServerServiceAccount(),
                KubernetesNames::requireSubdomain, "service account name");
        kubernetesName("serving.endpointPicker.serviceAccount", serving.pickerServiceAccount(config),
                KubernetesNames::requireSubdomain, "service account name");
        String pool = serving.poolName(config);
        kubernetesName("serving.pool.name", pool, KubernetesNames::requireLabel, "pool name");
        if (pool.length() > 59) {
            problem("serving.pool.name", pool, "is too long: the picker Service '<pool>-epp' must fit 63 characters,"
                    + " so use at most 59");
        }
        String failureMode = serving.endpointPicker().failureMode();
        if (failureMode != null) {
            try {
                PickerFailureMode.fromValue(failureMode);
            } catch (IllegalArgumentException e) {
                problem("serving.endpointPicker.failureMode", failureMode, "is not a failure mode: allowed are"
                        + " FailOpen, FailClose");
            }
        }
    }

    private void checkImages() {
        String image = serving.modelServerImage();
        if (!VllmTpuServerProps.isPinned(image)) {
            problem("serving.modelServer.image", image, "is not pinned: give a tag other than latest, or a digest,"
                    + " e.g. " + ServingConfig.DEFAULT_MODEL_SERVER_IMAGE);
        }
        checkPicker();
    }

    private void checkPicker() {
        String path = "serving.endpointPicker.";
        ServingConfig.EndpointPicker picker = serving.endpointPicker();
        String source = serving.pickerSource();
        if (ServingConfig.EndpointPicker.BUNDLED.equals(source)) {
            if (!VllmTpuServerProps.isPinned(serving.pickerJreImage())) {
                problem(path + "jreImage", serving.pickerJreImage(), "is not pinned: give a tag other than latest,"
                        + " or a digest, e.g. " + ServingConfig.DEFAULT_PICKER_JRE_IMAGE);
            }
            if (picker.image() != null) {
                problem(path + "image", picker.image(), "applies to source: upstream only; remove it, or set "
                        + path + "source: upstream");
            }
        } else if (ServingConfig.EndpointPicker.UPSTREAM.equals(source)) {
            if (!VllmTpuServerProps.isPinned(serving.pickerImage())) {
                problem(path + "image", serving.pickerImage(), "is not pinned: give a tag other than latest, or a"
                        + " digest, e.g. " + EndpointPickerProps.UPSTREAM_IMAGE);
            }
            for (String key : List.of("jar", "jreImage")) {
                Object value = key.equals("jar") ? picker.jar() : picker.jreImage();
                if (value != null) {
                    problem(path + key, value, "applies to source: bundled only; remove it, or set " + path
                            + "source: bundled");
                }
            }
        } else {
            problem(path + "source", source, "is not a picker source: allowed are bundled, upstream");
        }
    }

    /**
     * What synthesis needs beyond a valid config: with a bundled picker, the plugin jar must exist. Separate from
     * {@link #problems} because it reads the file system, which commands that only read the config do not need.
     */
    public static List<String> bundledPickerProblems(DeploymentConfig config) {
        ServingConfig serving = config.serving();
        if (!serving.pickerBundled() || Files.isRegularFile(serving.pickerJar())) {
            return List.of();
        }
        return List.of("serving.endpointPicker.jar: '" + serving.pickerJar() + "' not found: the bundled endpoint"
                + " picker needs the routing-plugin jar. Build it (./dev synth builds it; or mvn -B -ntp -q -pl"
                + " routing-plugin -am install), give its path, or set serving.endpointPicker.source: upstream to"
                + " deploy the upstream picker image");
    }

    private void checkModelServer(List<String> earlierProblems) {
        String path = "serving.modelServer.";
        ServingConfig.ModelServer server = serving.modelServer();
        if (server.maxModelLen() != null && server.maxModelLen() < 1) {
            problem(path + "maxModelLen", server.maxModelLen(), "is out of range: allowed are 1 token or more");
        }
        Double share = server.gpuMemoryUtilization();
        if (share != null && !(share > 0 && share <= 1)) {
            problem(path + "gpuMemoryUtilization", share, "is out of range: allowed is a share of the TPU HBM above"
                    + " 0 and at most 1, e.g. 0.95");
        }
        weightsCache().ifPresent(cache -> checkCacheHolders(cache, server.memoryGi()));
        checkModelArguments(earlierProblems);
    }

    /** The configured file cache, when its settings are valid. */
    private Optional<WeightsFileCache> weightsCache() {
        String path = "serving.modelServer.weightsCache.";
        ServingConfig.WeightsCache cache = serving.modelServer().weightsCache();
        if (cache == null) {
            return Optional.of(serving.effectiveWeightsCache());
        }
        FileCacheMedium medium = FileCacheMedium.fromValue(cache.medium());
        if (medium == null) {
            problem(path + "medium", cache.medium(), "is not a file cache medium: allowed are memory, bootDisk, none");
            return Optional.empty();
        }
        if (medium == FileCacheMedium.NONE) {
            if (cache.sizeGi() != null) {
                problem(path + "sizeGi", cache.sizeGi(), "applies to medium memory or bootDisk only; remove it");
                return Optional.empty();
            }
        } else if (cache.sizeGi() == null || cache.sizeGi() < 1) {
            problem(path + "sizeGi", cache.sizeGi(), "- a " + medium.value() + " file cache needs its size, 1 GiB or"
                    + " more (at least the size of the weights, to hold them all)");
            return Optional.empty();
        }
        return Optional.of(serving.effectiveWeightsCache());
    }

    /** A file cache can never be larger than what holds it: the pod's memory request, or each TPU boot disk. */
    private void checkCacheHolders(WeightsFileCache cache, Integer memoryGi) {
        if (memoryGi != null) {
            cache.memoryProblem(memoryGi).ifPresent(problem -> problem("serving.modelServer.memoryGi", memoryGi,
                    "is too small: " + problem));
        }
        if (cache.medium() != FileCacheMedium.BOOT_DISK) {
            return;
        }
        for (int i = 0; i < config.regions().size(); i++) {
            TpuConfig tpu = config.regions().get(i).tpu();
            if (tpu == null) {
                continue;
            }
            String path = "regions[" + i + "].tpu.bootDiskSizeGb";
            if (tpu.bootDiskSizeGb() == null) {
                problem(path, null, "- serving.modelServer.weightsCache puts " + cache.sizeGib() + " GiB of file cache"
                        + " on the TPU boot disk: size the disk for it, at least " + cache.minimumBootDiskGb() + " GB");
            } else {
                cache.bootDiskProblem(tpu.bootDiskSizeGb()).ifPresent(problem -> problem(path, tpu.bootDiskSizeGb(),
                        "is too small for serving.modelServer.weightsCache: " + problem));
            }
        }
    }

    /** Extra vLLM flags must not set what the model server sets, and the weights folder must be mountable. */
    private void checkModelArguments(List<String> earlierProblems) {
        ModelConfig model = config.model();
        if (model == null) {
            return;
        }
        if (earlierProblems.stream().noneMatch(p -> p.startsWith("model.weightsPath"))) {
            VllmTpuServerProps.modelPathProblem(model.weightsPath())
                    .ifPresent(problem -> problems.add("model.weightsPath: " + problem));
        }
        List<String> args = model.servingArgs() == null ? List.of() : model.servingArgs();
        for (int i = 0; i < args.size(); i++) {
            int index = i;
            VllmTpuServerProps.argumentProblem(args.get(i))
                    .ifPresent(problem -> problems.add("model.servingArgs[" + index + "]: " + problem));
        }
    }

    private void checkObjectives() {
        if (serving.objectiveGroup() != null && InferenceObjectiveGroup.fromGroup(serving.objectiveGroup()) == null) {
            problem("serving.objectiveGroup", serving.objectiveGroup(), "is not an InferenceObjective API group:"
                    + " allowed are " + InferenceObjectiveGroup.LLM_D.group() + " (current), "
                    + InferenceObjectiveGroup.LEGACY.group() + " (legacy)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < serving.objectives().size(); i++) {
            String name = serving.objectives().get(i).name();
            String path = "serving.objectives[" + i + "].name";
            kubernetesName(path, name, KubernetesNames::requireSubdomain, "objective name");
            if (name != null && !seen.add(name)) {
                problem(path, name, "appears twice: objective names are unique in a pool");
            }
        }
    }

    private void checkMetrics() {
        String schema = serving.autoscalingMetricSchema();
        if (schema != null && AutoscalingMetricSchema.fromValue(schema) == null) {
            problem("serving.autoscalingMetricSchema", schema, "is not an AutoscalingMetric form: allowed are current"
                    + " (GKE " + AutoscalingMetricSchema.CURRENT.minimumGkeVersion() + " and later), legacy (older"
                    + " clusters)");
        }
        List<ServingConfig.ExportedMetric> metrics = serving.exportedMetrics();
        if (metrics.isEmpty() || metrics.size() > AutoscalingMetric.MAX_METRICS_PER_CLUSTER) {
            problem("serving.exportedMetrics", metrics.size() + " metrics", "- export 1 to "
                    + AutoscalingMetric.MAX_METRICS_PER_CLUSTER + " metrics (GKE's limit per cluster)");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            String path = "serving.exportedMetrics[" + i + "]";
            ServingConfig.ExportedMetric metric = metrics.get(i);
            if (metric.name() == null || metric.name().isBlank()) {
                problem(path + ".name", metric.name(), "- the Prometheus metric to export is required");
            }
            if (!MetricExport.isValidExportName(metric.exportName())) {
                problem(path + ".exportName", metric.exportName(), "is not a load balancer metric name: at most "
                        + MetricExport.EXPORT_NAME_MAX_LENGTH + " characters matching "
                        + MetricExport.EXPORT_NAME.pattern());
            } else if (!seen.add(metric.exportName())) {
                problem(path + ".exportName", metric.exportName(), "appears twice: export names are unique");
            }
        }
    }

    private void checkGateway() {
        GatewayConfig gateway = serving.gateway();
        kubernetesName("serving.gateway.name", gateway.effectiveName(), KubernetesNames::requireSubdomain,
                "gateway name");
        List<String> regions = config.regions().stream().map(RegionConfig::region).toList();
        gateway.reservedAddresses().forEach((region, address) -> {
            String path = "serving.gateway.reservedAddresses." + region;
            if (!regions.contains(region)) {
                problem(path, region, "is not a region of this deployment: allowed are " + String.join(", ", regions));
                return;
            }
            try {
                GatewayAddress.reserved(region, address);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
            }
        });
        checkBackendPolicy(gateway);
    }

    private void checkBackendPolicy(GatewayConfig gateway) {
        GatewayConfig.BackendPolicy policy = gateway.backendPolicy();
        String path = "serving.gateway.backendPolicy";
        String mode = gateway.balancingModeName();
        if (GatewayConfig.CUSTOM_METRICS.equals(mode)) {
            checkCustomMetrics(gateway, policy, path);
        } else if (GatewayConfig.IN_FLIGHT.equals(mode)) {
            checkInFlight(policy, path);
        } else {
            problem(path + ".balancingMode", mode, "is not a balancing mode: allowed are CUSTOM_METRICS, IN_FLIGHT");
        }
        if (gateway.timeoutSec() < 1 || gateway.timeoutSec() > MAX_TIMEOUT_SEC) {
            problem(path + ".timeoutSec", gateway.timeoutSec(), "is out of range: allowed are 1 to " + MAX_TIMEOUT_SEC);
        }
    }

    private void checkCustomMetrics(GatewayConfig gateway, GatewayConfig.BackendPolicy policy, String path) {
        if (policy.maxInFlightRequestsPerEndpoint() != null) {
            problem(path + ".maxInFlightRequestsPerEndpoint", policy.maxInFlightRequestsPerEndpoint(),
                    "belongs to balancing mode IN_FLIGHT, but the mode is CUSTOM_METRICS: one policy has one"
                            + " balancing mode, remove it or set balancingMode: IN_FLIGHT");
        }
        List<String> exported = serving.exportedMetrics().stream().map(ServingConfig.ExportedMetric::exportName)
                .toList();
        if (!exported.contains(gateway.balancedMetric())) {
            problem(path + ".metric", gateway.balancedMetric(), "is not an exported metric: allowed are the"
                    + " serving.exportedMetrics export names " + exported);
        }
        if (gateway.maxUtilizationPercent() < 1 || gateway.maxUtilizationPercent() > 100) {
            problem(path + ".maxUtilizationPercent", gateway.maxUtilizationPercent(),
                    "is out of range: allowed are 1 to 100");
        }
    }

    private void checkInFlight(GatewayConfig.BackendPolicy policy, String path) {
        for (String field : List.of("metric", "maxUtilizationPercent")) {
            Object value = field.equals("metric") ? policy.metric() : policy.maxUtilizationPercent();
            if (value != null) {
                problem(path + "." + field, value, "belongs to balancing mode CUSTOM_METRICS, but the mode is"
                        + " IN_FLIGHT: one policy has one balancing mode, remove it or set balancingMode:"
                        + " CUSTOM_METRICS");
            }
        }
        Integer inFlight = policy.maxInFlightRequestsPerEndpoint();
        if (inFlight == null || inFlight < 1) {
            problem(path + ".maxInFlightRequestsPerEndpoint", inFlight, "- IN_FLIGHT balancing needs a limit of"
                    + " at least 1 request per endpoint");
        }
    }

    private void checkSlices(List<String> earlierProblems) {
        for (int i = 0; i < config.regions().size(); i++) {
            String path = "regions[" + i + "].tpu";
            TpuConfig tpu = config.regions().get(i).tpu();
            if (tpu == null || earlierProblems.stream().anyMatch(p -> p.startsWith(path))) {
                continue;
            }
            TpuSlice slice = new TpuSlice(tpu.machineType(), tpu.topology());
            if (slice.multiHost()) {
                problem(path + ".topology", tpu.topology(), "spans " + slice.hosts() + " hosts: the vLLM model"
                        + " server runs one pod per host and serves single-host slices only ("
                        + String.join(", ", singleHostTopologies(tpu.machineType())) + " for " + tpu.machineType()
                        + ")");
            }
        }
    }

    private static List<String> singleHostTopologies(String machineType) {
        return TpuSlice.topologiesFor(machineType).stream()
                .filter(topology -> !new TpuSlice(machineType, topology).multiHost()).toList();
    }
}
