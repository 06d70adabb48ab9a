package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.network.INetwork;
import dev.gkeinference.constructs.network.IRegionalSubnets;

/** A cluster as the tests need it: europe-west4, default props. */
final class ClusterFixture {
    private ClusterFixture() {
    }

    static RegionalTpuClusterPropsBuilder props() {
        return RegionalTpuClusterProps.builder()
                .project("acme-prod")
                .name("inference-europe-west4")
                .region("europe-west4")
                .network(new Vpc())
                .subnets(new Subnets())
                .nodeServiceAccountEmail("nodes@acme-prod.iam.gserviceaccount.com");
    }

    /** The VPC and subnet by their ids, as an existing network would give them. */
    private record Vpc() implements INetwork {
        @Override
        public String project() {
            return "acme-prod";
        }

        @Override
        public String networkId() {
            return "projects/acme-prod/global/networks/inference-vpc";
        }

        @Override
        public String networkName() {
            return "inference-vpc";
        }
    }

    private record Subnets() implements IRegionalSubnets {
        @Override
        public String region() {
            return "europe-west4";
        }

        @Override
        public String nodeSubnetSelfLink() {
            return "https://www.googleapis.com/compute/v1/projects/acme-prod/regions/europe-west4/"
                    + "subnetworks/inference-vpc-europe-west4-nodes";
        }

        @Override
        public String podRangeName() {
            return "pods";
        }

        @Override
        public String serviceRangeName() {
            return "services";
        }
    }

    static RegionalTpuCluster cluster(TerraformStack stack) {
        return new RegionalTpuCluster(stack, "gke", props().build());
    }
}
