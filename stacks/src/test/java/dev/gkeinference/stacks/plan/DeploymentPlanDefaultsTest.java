package dev.gkeinference.stacks.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.constructs.gke.ReleaseChannel;
import dev.gkeinference.constructs.gke.SystemPoolProps;
import dev.gkeinference.constructs.gke.TpuCapacity;
import dev.gkeinference.constructs.inference.AutoscalingMetricSchema;
import dev.gkeinference.constructs.inference.FileCacheMedium;
import dev.gkeinference.constructs.inference.InferenceObjectiveGroup;
import dev.gkeinference.constructs.inference.WeightsFileCache;
import dev.gkeinference.stacks.config.ConfigFixtures;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A config that sets only what is required: the plan holds every default, as README documents them. */
class DeploymentPlanDefaultsTest {
    private static final String MINIMAL = """
            project: acme-prod
            regions:
              - region: europe-west4
                zone: europe-west4-a
                configCluster: true
                tpu: {machineType: ct6e-standard-4t, topology: 2x2}
                cidrs: {nodes: 10.0.0.0/20, pods: 10.64.0.0/14, services: 10.1.0.0/20, proxyOnly: 10.2.0.0/23}
              - region: us-east5
                zone: us-east5-b
                tpu: {machineType: ct6e-standard-8t, topology: 2x4}
                cidrs: {nodes: 10.0.16.0/20, pods: 10.68.0.0/14, services: 10.1.16.0/20, proxyOnly: 10.2.2.0/23}
            model: {name: google/gemma-3-27b-it, weightsPath: gemma-3-27b-it}
            """;

    @Test
    void everyDefaultIsInThePlan() {
        DeploymentPlan plan = ConfigFixtures.plan(MINIMAL);
        assertEquals("acme-inference-prod", plan.project(), "--project of the fixture wins over the file");
        assertEquals("inference", plan.stacks().deploymentName());
        assertEquals("local", plan.stacks().backend().kind());
        assertEquals("inference-vpc", plan.global().network().name());
        assertEquals(8896, plan.global().network().mtu());
        assertEquals("acme-inference-prod-inference-weights", plan.global().bucket().name());
        assertEquals("US", plan.global().bucket().create().orElseThrow().location());
        assertEquals(Map.of(), plan.global().bucket().create().orElseThrow().labels());
        assertEquals(List.of(), plan.waivers());

        ClusterPlan eu = plan.clusters().get(0);
        assertEquals("inference-europe-west4", eu.name());
        assertEquals("inference-eu-west4-nodes", eu.nodeServiceAccountId());
        assertEquals(ReleaseChannel.REGULAR, eu.releaseChannel());
        assertEquals(null, eu.minimumVersion(), "no floor beyond the features' own (GkeVersion)");
        assertTrue(eu.deletionProtection());
        assertEquals(SystemPoolProps.DEFAULT, eu.systemPool());
        assertEquals(List.of(), eu.authorizedNetworks());
        assertEquals(1, eu.tpuPool().nodeCount(), "one 2x2 host");
        assertEquals(TpuCapacity.ON_DEMAND, eu.tpuPool().capacity());
        assertFalse(eu.tpuPool().autoscaling());
        assertEquals(100, eu.tpuPool().bootDiskSizeGb());
        assertFalse(plan.clusters().get(1).configCluster());
        assertEquals(1, plan.clusters().get(1).tpuPool().nodeCount(), "one 2x4 host of ct6e-standard-8t");
        assertEquals("europe-west4", plan.configCluster().region());
        ServingPlan.ModelServer server = plan.serving().modelServer();
        assertEquals(List.of(), server.servingArgs());
        assertEquals(null, server.maxModelLen(), "the model's own maximum");
        assertEquals(0.95, server.gpuMemoryUtilization());
        assertEquals(new WeightsFileCache(FileCacheMedium.MEMORY, 64), server.weightsCache());
        assertEquals(104, server.memoryGib(), "the 64 GiB cache and vLLM's own 40 GiB");
        assertEquals(InferenceObjectiveGroup.LLM_D, plan.serving().objectiveGroup());
        assertEquals(AutoscalingMetricSchema.CURRENT, plan.serving().autoscalingMetricSchema());
        assertEquals(Optional.of("1.35.1-gke.1396000"), plan.serving().customMetricsMinimumVersion());
    }
}
