package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigShieldedInstanceConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigWorkloadMetadataConfig;
import java.util.List;
import java.util.Map;

/** The node settings every pool shares (GKE hardening guide): dedicated service account, GKE metadata server, shielded VMs. */
final class HardenedNodeConfig {
    /** Access is governed by IAM roles of the node service account, not by legacy scopes. */
    static final List<String> OAUTH_SCOPES = List.of("https://www.googleapis.com/auth/cloud-platform");

    private HardenedNodeConfig() {
    }

    static ContainerNodePoolNodeConfig.Builder builder(String machineType, String serviceAccountEmail,
            Map<String, String> resourceLabels) {
        return ContainerNodePoolNodeConfig.builder()
                .machineType(machineType)
                .serviceAccount(serviceAccountEmail)
                .oauthScopes(OAUTH_SCOPES)
                .resourceLabels(resourceLabels)
                .workloadMetadataConfig(ContainerNodePoolNodeConfigWorkloadMetadataConfig.builder()
                        .mode("GKE_METADATA").build())
                .shieldedInstanceConfig(ContainerNodePoolNodeConfigShieldedInstanceConfig.builder()
                        .enableSecureBoot(true).enableIntegrityMonitoring(true).build());
    }
}
