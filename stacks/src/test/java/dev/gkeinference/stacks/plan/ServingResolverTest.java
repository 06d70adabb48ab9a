package dev.gkeinference.stacks.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.constructs.gateway.BalancingMode;
import dev.gkeinference.constructs.inference.PickerFailureMode;
import dev.gkeinference.constructs.testing.FakeJar;
import dev.gkeinference.stacks.config.ClusterServingPlan;
import dev.gkeinference.stacks.config.ConfigFixtures;
import dev.gkeinference.stacks.config.CrossClusterValidator;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.config.InvalidConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of {@code model} and {@code serving}, and the gateway's invariants across clusters. */
class ServingResolverTest {

    private static List<String> problemsWith(String from, String to) {
        return ConfigFixtures.problems(ConfigFixtures.referenceWith(from, to));
    }

    private static ClusterServingPlan plan(int index, String region, boolean config, String pool, int ports) {
        List<Integer> targetPorts = new ArrayList<>();
        for (int p = 0; p < ports; p++) {
            targetPorts.add(8000 + p);
        }
        return new ClusterServingPlan("regions[" + index + "]", region, config, "inference-vpc", pool,
                List.of("interactive"), targetPorts, 3);
    }

    @Test
    void referenceDeploymentIsValid() {
        assertEquals(List.of(), ConfigFixtures.problems(ConfigFixtures.reference()));
    }

    @Test
    void unpinnedModelServerImage() {
        assertEquals(List.of("serving.modelServer.image: 'vllm/vllm-tpu:latest' is not pinned: give a tag other than"
                + " latest, or a digest, e.g. vllm/vllm-tpu:v0.23.0"),
                problemsWith("image: vllm/vllm-tpu:v0.23.0", "image: vllm/vllm-tpu:latest"));
    }

    @Test
    void invalidExportedMetricName() {
        assertEquals(List.of("serving.exportedMetrics[0].exportName: 'KV:cache' is not a load balancer metric name:"
                + " at most 64 characters matching [a-z]([-_.a-z0-9]*[a-z0-9])?"),
                problemsWith("exportName: kv-cache", "exportName: KV:cache"));
        String tooLong = "a".repeat(65);
        assertTrue(problemsWith("exportName: kv-cache", "exportName: " + tooLong).get(0)
                .startsWith("serving.exportedMetrics[0].exportName: '" + tooLong + "'"));
    }

    @Test
    void theBalancedMetricMustBeExported() {
        assertEquals(List.of("serving.gateway.backendPolicy.metric: 'queue' is not an exported metric: allowed are"
                + " the serving.exportedMetrics export names [kv-cache]"),
                problemsWith("metric: kv-cache", "metric: queue"));
        assertEquals(List.of("serving.exportedMetrics: 'kv-cache' appears twice: export names are unique"),
                problemsWith("      exportName: kv-cache\n", "      exportName: kv-cache\n"
                        + "    - name: vllm:num_requests_waiting\n      exportName: kv-cache\n"));
    }

    @Test
    void twoBalancingModesInOnePolicy() {
        assertEquals(List.of("serving.gateway.backendPolicy.maxInFlightRequestsPerEndpoint: '1000' belongs to"
                + " balancing mode IN_FLIGHT, but the mode is CUSTOM_METRICS: one policy has one balancing mode,"
                + " remove it or set balancingMode: IN_FLIGHT"),
                problemsWith("maxUtilizationPercent: 60", "maxUtilizationPercent: 60\n      "
                        + "maxInFlightRequestsPerEndpoint: 1000"));
        List<String> inFlight = problemsWith("balancingMode: CUSTOM_METRICS", "balancingMode: IN_FLIGHT");
        assertEquals(3, inFlight.size(), inFlight.toString());
        assertTrue(inFlight.get(0).startsWith("serving.gateway.backendPolicy.metric: 'kv-cache' belongs to balancing"
                + " mode CUSTOM_METRICS"), inFlight.get(0));
        assertTrue(inFlight.get(2).startsWith("serving.gateway.backendPolicy.maxInFlightRequestsPerEndpoint: missing"));
    }

    @Test
    void unknownBalancingModeAndOutOfRangeValues() {
        assertEquals(List.of("serving.gateway.backendPolicy.balancingMode: 'RATE' is not a balancing mode: allowed"
                + " are CUSTOM_METRICS, IN_FLIGHT"),
                problemsWith("balancingMode: CUSTOM_METRICS", "balancingMode: RATE"));
        assertEquals(List.of("serving.gateway.backendPolicy.maxUtilizationPercent: '0' is out of range: allowed are"
                + " 1 to 100"), problemsWith("maxUtilizationPercent: 60", "maxUtilizationPercent: 0"));
        assertEquals(List.of("serving.gateway.backendPolicy.timeoutSec: '0' is out of range: allowed are 1 to 86400"),
                problemsWith("timeoutSec: 600", "timeoutSec: 0"));
    }

    @Test
    void pickerSourceIsBundledOrUpstream() {
        assertEquals(List.of("serving.endpointPicker.source: 'builtin' is not a picker source: allowed are bundled,"
                + " upstream"), problemsWith("source: bundled", "source: builtin"));
    }

    @Test
    void bundledPickerNeedsAPinnedJreImage() {
        assertEquals(List.of("serving.endpointPicker.jreImage: 'eclipse-temurin:latest' is not pinned: give a tag"
                + " other than latest, or a digest, e.g. eclipse-temurin:17.0.13_11-jre"),
                problemsWith("jreImage: eclipse-temurin:17.0.13_11-jre", "jreImage: eclipse-temurin:latest"));
        assertEquals(List.of("serving.endpointPicker.jreImage: 'eclipse-temurin' is not pinned: give a tag"
                + " other than latest, or a digest, e.g. eclipse-temurin:17.0.13_11-jre"),
                problemsWith("jreImage: eclipse-temurin:17.0.13_11-jre", "jreImage: eclipse-temurin"));
    }

    @Test
    void keysOfTheOtherSourceAreRejected() {
        assertEquals(List.of("serving.endpointPicker.image: 'epp:v1' applies to source: upstream only; remove it, or"
                + " set serving.endpointPicker.source: upstream"),
                problemsWith("source: bundled", "source: bundled\n    image: epp:v1"));
        assertEquals(List.of("serving.endpointPicker.jar: 'routing-plugin/target/routing-plugin.jar' applies to"
                + " source: bundled only; remove it, or set serving.endpointPicker.source: bundled",
                "serving.endpointPicker.jreImage: 'eclipse-temurin:17.0.13_11-jre' applies to source: bundled only;"
                + " remove it, or set serving.endpointPicker.source: bundled"),
                problemsWith("source: bundled", "source: upstream"));
    }

    @Test
    void upstreamPickerWithItsImageIsValid() {
        String yaml = ConfigFixtures.referenceWith("source: bundled\n    jar: routing-plugin/target/routing-plugin.jar"
                + "\n    jreImage: eclipse-temurin:17.0.13_11-jre",
                "source: upstream\n    image: ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.11.0");
        assertEquals(List.of(), ConfigFixtures.problems(yaml));
        assertEquals(List.of("serving.endpointPicker.image: 'ghcr.io/llm-d/llm-d-router-endpoint-picker' is not"
                + " pinned: give a tag other than latest, or a digest, e.g."
                + " ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.10.0"),
                ConfigFixtures.problems(yaml.replace(":v0.11.0", "")));
        assertEquals(Optional.empty(), ConfigFixtures.plan(yaml).serving().picker().jar());
    }

    @Test
    void aMissingBundledJarIsReportedWithWhatToDo() {
        InvalidConfigException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidConfigException.class,
                () -> ConfigFixtures.plan(ConfigFixtures.reference(), "no/such/routing-plugin.jar"));
        String absolute = Path.of("no/such/routing-plugin.jar").toAbsolutePath().toString();
        assertEquals(List.of("serving.endpointPicker.jar: '" + absolute + "' not found: the bundled endpoint picker"
                + " needs the routing-plugin jar. Build it (./dev synth builds it; or mvn -B -ntp -q -pl routing-plugin"
                + " -am install), give its path, or set serving.endpointPicker.source: upstream to deploy the"
                + " upstream picker image"), e.problems());
    }

    @Test
    void theJarIsOnlyLookedForWhenSynthesizing() {
        DeploymentPlan plan = DeploymentResolver.resolve(DeploymentConfigLoader.reference(),
                ResolveOptions.NONE.withPickerJar("no/such/routing-plugin.jar"), "t");
        assertEquals(Optional.of(Path.of("no/such/routing-plugin.jar").toAbsolutePath()),
                plan.serving().picker().jar());
        assertEquals(Optional.of(Path.of(FakeJar.path())), ConfigFixtures.referencePlan().serving().picker().jar());
    }

    @Test
    void failureModeAndNames() {
        assertEquals(List.of("serving.endpointPicker.failureMode: 'Open' is not a failure mode: allowed are"
                + " FailOpen, FailClose"), problemsWith("failureMode: FailOpen", "failureMode: Open"));
        assertEquals(List.of("serving.pool.name: invalid pool name 'Gemma_3': use at most 63 lower-case letters,"
                + " digits or '-', starting and ending with a letter or digit"),
                problemsWith("name: gemma3", "name: Gemma_3"));
        assertEquals(List.of("serving.pool.name: invalid endpoint picker name '" + "p".repeat(60) + "-epp': use at"
                + " most 63 lower-case letters, digits or '-', starting and ending with a letter or digit"),
                problemsWith("name: gemma3", "name: " + "p".repeat(60)));
        assertEquals(List.of("serving.objectives[1].name: 'interactive' appears twice: objective names are unique"
                + " in a pool"), problemsWith("name: batch", "name: interactive"));
    }

    @Test
    void reservedAddressesNameRegionsOfTheDeployment() {
        assertEquals(List.of("serving.gateway.reservedAddresses.us-west1: 'us-west1' is not a region of this"
                + " deployment: allowed are europe-west4, us-east5"),
                problemsWith("reservedAddresses: {}", "reservedAddresses: {us-west1: gw-vip}"));
        assertEquals(List.of(), problemsWith("reservedAddresses: {}", "reservedAddresses: {us-east5: gw-vip}"));
    }

    @Test
    void multiHostSlicesCannotBeServedByTheDeployment() {
        assertEquals(List.of("regions[1].tpu.topology: '2x4' spans 2 hosts: the vLLM model server runs one pod per"
                + " host and serves single-host slices only (2x2 for ct6e-standard-4t)"),
                ConfigFixtures.problems(ConfigFixtures.reference().replace("topology: 2x2\n      nodeCount: 1\n"
                        + "      capacity: on-demand\n    cidrs:\n      nodes: 10.0.16.0/20",
                        "topology: 2x4\n      nodeCount: 2\n      capacity: on-demand\n    cidrs:\n"
                                + "      nodes: 10.0.16.0/20")));
    }

    @Test
    void aRegionWithoutTpuNodesServesNothing() {
        assertEquals(List.of("regions[0].tpu.nodeCount: '0' must be at least 1: the model server runs one pod per"
                + " TPU node"), problemsWith("nodeCount: 1", "nodeCount: 0"));
    }

    @Test
    void crossClusterChecksNameTheDifferingCluster() {
        ClusterServingPlan first = plan(0, "europe-west4", true, "gemma3", 1);
        ClusterServingPlan other = new ClusterServingPlan("regions[1]", "us-east5", false, "other-vpc", "gemma",
                List.of("batch"), List.of(8000), 3);
        assertEquals(List.of(
                "regions[1] (us-east5): network 'other-vpc' differs from 'inference-vpc' of regions[0] (europe-west4):"
                        + " every cluster of a multi-cluster gateway must be in one VPC",
                "regions[1] (us-east5): pool name 'gemma' differs from 'gemma3' of regions[0] (europe-west4): the"
                        + " gateway merges the pools of the clusters by name, so every cluster exports the same pool",
                "regions[1] (us-east5): objective names '[batch]' differs from '[interactive]' of regions[0]"
                        + " (europe-west4): an objective missing in one cluster loses its priority whenever that"
                        + " cluster serves"),
                CrossClusterValidator.problems(List.of(first, other)));
    }

    @Test
    void negBudgetOfFiftyPerBackendService() {
        List<ClusterServingPlan> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sixteen.add(plan(i, "region" + i, i == 0, "p", 1));
        }
        assertEquals(List.of(), CrossClusterValidator.negBudgetProblems(sixteen), "16 x 3 zones = 48");
        sixteen.add(plan(16, "region16", false, "p", 1));
        assertEquals(List.of("regions: '17 clusters' need 51 network endpoint groups (target ports [8000] x zones x"
                + " clusters), more than the 50 one backend service holds: use fewer regions or target ports"),
                CrossClusterValidator.negBudgetProblems(sixteen));
        assertEquals(1, CrossClusterValidator.negBudgetProblems(List.of(plan(0, "a", true, "p", 8),
                plan(1, "b", false, "p", 8),  plan(2, "c", false, "p", 8))).size(), "8 ports x 3 zones x 3 = 72");
    }

    @Test
    void everyServingDefaultWhenTheSectionIsMissing() {
        String yaml = ConfigFixtures.reference();
        ServingPlan serving = ConfigFixtures.plan(yaml.substring(0, yaml.indexOf("serving:"))).serving();
        assertEquals("inference", serving.namespace());
        assertEquals("inference", serving.poolName());
        assertEquals("vllm", serving.modelServer().name());
        assertEquals("vllm", serving.modelServer().serviceAccount());
        assertEquals("vllm/vllm-tpu:v0.23.0", serving.modelServer().image());
        assertEquals(0.95, serving.modelServer().gpuMemoryUtilization());
        assertEquals(null, serving.modelServer().maxModelLen());
        assertEquals("memory", serving.modelServer().weightsCache().medium().value());
        assertEquals(64, serving.modelServer().weightsCache().sizeGib());
        assertEquals(104, serving.modelServer().memoryGib());
        assertEquals("inference-epp", serving.picker().serviceAccount());
        assertEquals("eclipse-temurin:17.0.13_11-jre", serving.picker().jreImage());
        assertEquals(PickerFailureMode.FAIL_OPEN, serving.picker().failureMode());
        assertEquals(List.of(), serving.objectives());
        assertEquals("llm-d.ai", serving.objectiveGroup().group());
        assertEquals("current", serving.autoscalingMetricSchema().value());
        assertEquals("gke.named_metrics.kv-cache", serving.exportedMetrics().get(0).loadBalancerMetric());
        assertEquals("cross-region-gateway", serving.gateway().name());
        assertEquals(BalancingMode.customMetric("kv-cache", 60), serving.gateway().balancingMode());
        assertEquals(600, serving.gateway().timeoutSec());
    }

    @Test
    void objectiveGroupIsLlmdOrTheLegacyOne() {
        assertEquals(List.of(),
                problemsWith("objectiveGroup: llm-d.ai", "objectiveGroup: inference.networking.x-k8s.io"));
        assertEquals(List.of("serving.objectiveGroup: 'inference.networking.k8s.io' is not an InferenceObjective API"
                + " group: allowed are llm-d.ai (current), inference.networking.x-k8s.io (legacy)"),
                problemsWith("objectiveGroup: llm-d.ai", "objectiveGroup: inference.networking.k8s.io"));
    }

    @Test
    void autoscalingMetricSchemaIsCurrentOrLegacy() {
        assertEquals(List.of(), problemsWith("autoscalingMetricSchema: current", "autoscalingMetricSchema: legacy"));
        assertEquals(List.of("serving.autoscalingMetricSchema: 'v2' is not an AutoscalingMetric form: allowed are"
                + " current (GKE 1.35.1-gke.1396000 and later), legacy (older clusters)"),
                problemsWith("autoscalingMetricSchema: current", "autoscalingMetricSchema: v2"));
    }

    @Test
    void vllmSettingsAreInRange() {
        assertEquals(List.of("serving.modelServer.maxModelLen: '0' is out of range: allowed are 1 token or more"),
                problemsWith("maxModelLen: 8192", "maxModelLen: 0"));
        assertEquals(List.of("serving.modelServer.gpuMemoryUtilization: '1.5' is out of range: allowed is a share of"
                + " the TPU HBM above 0 and at most 1, e.g. 0.95"),
                problemsWith("gpuMemoryUtilization: 0.95", "gpuMemoryUtilization: 1.5"));
    }

    @Test
    void servingArgsMustNotSetWhatTheModelServerSets() {
        assertEquals(List.of("model.servingArgs[1]: vLLM argument '--max-model-len=4096' sets --max-model-len,"
                + " which the model server sets itself: remove it (model, name, port, tensor parallelism, context"
                + " length, HBM share and request logging have their own settings)"),
                problemsWith("  weightsPath: gemma-3-27b-it\n", "  weightsPath: gemma-3-27b-it\n  servingArgs:\n"
                        + "    - --max-num-seqs=128\n    - --max-model-len=4096\n"));
        assertEquals(List.of("model.weightsPath: invalid model path 'models,gemma': use a directory inside the bucket,"
                + " without a leading '/', '..', ',', ':' or spaces, e.g. models/gemma-3"),
                problemsWith("weightsPath: gemma-3-27b-it", "weightsPath: models,gemma"));
    }

    @Test
    void weightsCacheMediumAndSize() {
        assertEquals(List.of("serving.modelServer.weightsCache.medium: 'ssd' is not a file cache medium: allowed are"
                + " memory, bootDisk, none"), problemsWith("medium: memory", "medium: ssd"));
        assertEquals(List.of("serving.modelServer.weightsCache.sizeGi: '64' applies to medium memory or bootDisk"
                + " only; remove it"), problemsWith("medium: memory", "medium: none"));
        assertEquals(List.of(), problemsWith("medium: memory\n      sizeGi: 64", "medium: none"));
        assertEquals(List.of("serving.modelServer.weightsCache.sizeGi: missing - a memory file cache needs its size,"
                + " 1 GiB or more (at least the size of the weights, to hold them all)"),
                problemsWith("\n      sizeGi: 64", ""));
    }

    @Test
    void aMemoryCacheMustFitTheModelServersMemoryRequest() {
        String withMemory = "gpuMemoryUtilization: 0.95\n    memoryGi: ";
        assertEquals(List.of(), problemsWith("gpuMemoryUtilization: 0.95", withMemory + "104"));
        assertEquals(List.of("serving.modelServer.memoryGi: '100' is too small: a memory request of 100 GiB cannot"
                + " hold the 64 GiB in-memory file cache and the model server's own 40 GiB: use at least 104"),
                problemsWith("gpuMemoryUtilization: 0.95", withMemory + "100"));
    }

    @Test
    void aDiskCacheMustFitEveryTpuBootDisk() {
        String yaml = ConfigFixtures.referenceWith("medium: memory", "medium: bootDisk")
                .replaceFirst("      capacity: on-demand\n", "      capacity: on-demand\n      bootDiskSizeGb: 100\n");
        assertEquals(List.of("regions[0].tpu.bootDiskSizeGb: '100' is too small for serving.modelServer.weightsCache:"
                + " a 64 GiB disk file cache does not fit a 100 GB boot disk, which holds at most 19 GiB of cache"
                + " (GKE reserves 10% + min(50%, 6 GiB + 35%, 100 GiB) of the disk, and the model server's image and"
                + " XLA cache take 30 GiB): use a boot disk of at least 190 GB",
                "regions[1].tpu.bootDiskSizeGb: missing - serving.modelServer.weightsCache puts 64 GiB of file cache"
                + " on the TPU boot disk: size the disk for it, at least 190 GB"), ConfigFixtures.problems(yaml));
        assertEquals(List.of(), ConfigFixtures.problems(yaml.replace("bootDiskSizeGb: 100", "bootDiskSizeGb: 190")
                .replace("      capacity: on-demand\n    cidrs:\n      nodes: 10.0.16",
                        "      capacity: on-demand\n      bootDiskSizeGb: 200\n    cidrs:\n      nodes: 10.0.16")));
    }
}
