package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.TerraformStack;

/** A cluster as the tests need it: europe-west4, default props. */
final class ClusterFixture {
    private ClusterFixture() {
    }

    static RegionalTpuClusterPropsBuilder props() {
        return RegionalTpuClusterProps.builder()
                .project("acme-prod")
                .name("inference-europe-west4")
                .region("europe-west4")
                .networkId("projects/acme-prod/global/networks/inference-vpc")
                .subnetworkSelfLink("https://www.googleapis.com/compute/v1/projects/acme-prod/regions/europe-west4/"
                        + "subnetworks/inference-vpc-europe-west4-nodes")
                .nodeServiceAccountEmail("nodes@acme-prod.iam.gserviceaccount.com");
    }

    static RegionalTpuCluster cluster(TerraformStack stack) {
        return new RegionalTpuCluster(stack, "gke", props().build());
    }
}
