package dev.gkeinference.constructs.network;

import com.hashicorp.cdktf.providers.google.data_google_compute_network.DataGoogleComputeNetwork;
import software.constructs.Construct;

/** An existing VPC, read at plan time: a missing VPC fails the plan, not the apply. */
final class ImportedNetwork extends Construct implements INetwork {
    private final String project;
    private final String name;
    private final DataGoogleComputeNetwork vpc;

    ImportedNetwork(Construct scope, String id, String project, String name) {
        super(scope, id);
        InferenceNetworkProps.requireName(name);
        this.project = project;
        this.name = name;
        this.vpc = DataGoogleComputeNetwork.Builder.create(this, "vpc").project(project).name(name).build();
    }

    @Override
    public String project() {
        return project;
    }

    @Override
    public String networkId() {
        return vpc.getId();
    }

    @Override
    /** The name as given: it is known at synth time, and the id already orders dependants after the read. */
    public String networkName() {
        return name;
    }
}
