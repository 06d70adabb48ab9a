package dev.gkeinference.stacks.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.stacks.config.ConfigFixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rule behind the stack split, checked on the manifest's dependencies: a stack is planned before it is applied,
 * so everything it plans against (the cluster its Kubernetes provider talks to, the CRDs of its custom kinds) must be
 * created by a stack it depends on.
 */
class StackOrderTest {
    private static final List<String> REGIONS = List.of("europe-west4", "us-east5");
    /** Custom kinds GKE installs with the cluster (Gateway API, GKE Gateway, Inference Gateway, custom metrics). */
    private static final Set<String> KINDS_INSTALLED_BY_GKE = Set.of("Gateway", "HTTPRoute", "HealthCheckPolicy",
            "GCPBackendPolicy", "InferencePool", "AutoscalingMetric");
    private static final Set<String> BUILT_IN_KINDS = Set.of("Namespace", "ServiceAccount", "Service", "Deployment",
            "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "ResourceClaimTemplate",
            "CustomResourceDefinition");
    private static final Pattern CLUSTER_OUTPUT = Pattern.compile("cross-stack-reference-input-(cluster-[a-z0-9-]+)");

    private static SynthesizedOutput app;

    @BeforeAll
    static void synthesize() {
        app = SynthesizedApp.of(ConfigFixtures.referencePlan());
    }

    @Test
    void everyStackOfTheArchitectureExists() {
        assertEquals(Set.of("global", "cluster-europe-west4", "cluster-us-east5", "fleet", "platform-europe-west4",
                "platform-us-east5", "workload-europe-west4", "workload-us-east5", "gateway"),
                new HashSet<>(app.stackNames()));
    }

    @Test
    void dependenciesYieldAnApplyOrder() {
        List<String> order = applyOrder();
        assertEquals(app.stackNames().size(), order.size(), "no cycle: every stack gets a place " + order);
        for (String stack : order) {
            for (String dependency : app.dependencies(stack)) {
                assertTrue(order.indexOf(dependency) < order.indexOf(stack), dependency + " before " + stack);
            }
        }
    }

    @Test
    void eachRegionGoesClusterPlatformWorkloadThenGateway() {
        for (String region : REGIONS) {
            assertDependsOn("cluster-" + region, "global");
            assertDependsOn("platform-" + region, "cluster-" + region);
            assertDependsOn("workload-" + region, "platform-" + region);
            assertDependsOn("gateway", "workload-" + region);
            assertDependsOn("fleet", "cluster-" + region);
        }
        assertDependsOn("gateway", "fleet");
    }

    @Test
    void reverseOrderDestroysGatewayWorkloadsFleetThenClusters() {
        List<String> destroyOrder = new ArrayList<>(applyOrder());
        java.util.Collections.reverse(destroyOrder);
        for (String region : REGIONS) {
            assertTrue(destroyOrder.indexOf("gateway") < destroyOrder.indexOf("workload-" + region));
            // the features go only after the exported pools, and before any cluster
            assertDependsOn("workload-" + region, "fleet");
            assertTrue(destroyOrder.indexOf("fleet") < destroyOrder.indexOf("cluster-" + region));
            assertTrue(destroyOrder.indexOf("cluster-" + region) < destroyOrder.indexOf("global"));
        }
    }

    @Test
    void kubernetesStacksTalkOnlyToClustersOfEarlierStacks() {
        int kubernetesStacks = 0;
        for (String stack : app.stackNames()) {
            JsonNode provider = app.stack(stack).path("provider").path("kubernetes");
            if (provider.isMissingNode()) {
                continue;
            }
            kubernetesStacks++;
            String host = provider.get(0).path("host").asText();
            Matcher cluster = CLUSTER_OUTPUT.matcher(host);
            assertTrue(cluster.find(), stack + " reads its cluster endpoint from a cluster stack: " + host);
            assertDependsOn(stack, cluster.group(1));
            assertTrue(host.startsWith("https://${data.terraform_remote_state."), host);
            assertTrue(host.contains("control_plane_endpoints_config0dns_endpoint_config0endpoint"),
                    stack + " connects to the DNS endpoint: " + host);
            assertTrue(provider.get(0).path("cluster_ca_certificate").isMissingNode(),
                    "the DNS endpoint has a public certificate: pinning the cluster CA would fail TLS");
            assertEquals("${data.google_client_config.google-client.access_token}",
                    provider.get(0).path("token").asText());
        }
        assertEquals(5, kubernetesStacks, "two platform, two workload and the gateway stack");
    }

    @Test
    void everyCustomKindHasItsDefinitionInAnEarlierStackOrFromGke() {
        Map<String, String> crdStacks = new LinkedHashMap<>();
        for (String stack : app.stackNames()) {
            for (JsonNode object : manifests(stack)) {
                if (object.path("kind").asText().equals("CustomResourceDefinition")) {
                    crdStacks.put(clusterOf(stack) + "/" + object.at("/spec/names/kind").asText(), stack);
                }
            }
        }
        for (String stack : app.stackNames()) {
            for (JsonNode object : manifests(stack)) {
                String kind = object.path("kind").asText();
                if (BUILT_IN_KINDS.contains(kind) || KINDS_INSTALLED_BY_GKE.contains(kind)) {
                    continue;
                }
                String crdStack = crdStacks.get(clusterOf(stack) + "/" + kind);
                assertTrue(crdStack != null, "no stack installs the CRD of " + kind + " used in " + stack);
                assertDependsOn(stack, crdStack);
            }
        }
        assertEquals("platform-europe-west4", crdStacks.get("cluster-europe-west4/InferenceObjective"));
    }

    @Test
    void gatewayObjectsNeedTheMultiClusterIngressFeature() {
        assertDependsOn("gateway", "fleet");
        JsonNode features = app.stack("fleet").path("resource").path("google_gke_hub_feature");
        assertEquals(2, features.size());
    }

    private static String clusterOf(String stack) {
        Matcher cluster = CLUSTER_OUTPUT.matcher(app.stack(stack).path("provider").path("kubernetes").toString());
        return cluster.find() ? cluster.group(1) : "";
    }

    private static List<JsonNode> manifests(String stack) {
        return SynthJson.resources(app.stack(stack), "kubernetes_manifest").stream()
                .map(r -> r.path("manifest")).toList();
    }

    private static void assertDependsOn(String stack, String dependency) {
        assertTrue(transitiveDependencies(stack).contains(dependency), stack + " must come after " + dependency
                + ", but depends on " + transitiveDependencies(stack));
    }

    private static Set<String> transitiveDependencies(String stack) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(app.dependencies(stack));
        while (!todo.isEmpty()) {
            String next = todo.remove(0);
            if (seen.add(next)) {
                todo.addAll(app.dependencies(next));
            }
        }
        return seen;
    }

    /** Kahn's algorithm over the manifest; a cycle leaves stacks out. */
    private static List<String> applyOrder() {
        List<String> order = new ArrayList<>();
        List<String> remaining = new ArrayList<>(app.stackNames());
        boolean progressed = true;
        while (!remaining.isEmpty() && progressed) {
            progressed = false;
            for (String stack : List.copyOf(remaining)) {
                if (order.containsAll(app.dependencies(stack))) {
                    order.add(stack);
                    remaining.remove(stack);
                    progressed = true;
                }
            }
        }
        return order;
    }
}
