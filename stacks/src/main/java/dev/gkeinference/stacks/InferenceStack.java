package dev.gkeinference.stacks;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import dev.gkeinference.constructs.compat.GoogleProviderGaps;
import dev.gkeinference.stacks.config.DeploymentConfig;
import software.constructs.Construct;

/**
 * What every stack of a deployment starts with: the google provider for the project (and region, for regional
 * stacks), the google 7.x requirement, and where its state lives.
 *
 * <p>Local state lives beside the output directory, never inside it (re-synthesis replaces the output), at a path
 * relative to the stack's working directory {@code <out>/stacks/<id>}: the same on every machine, and the same
 * path a dependent stack's {@code terraform_remote_state} reads.
 */
public abstract class InferenceStack extends TerraformStack {

    protected InferenceStack(Construct scope, String id, DeploymentConfig config, String region) {
        super(scope, id);
        GoogleProvider.Builder.create(this, "google").project(config.project()).region(region).build();
        GoogleProviderGaps.requireGoogle7(this);
        new LocalBackend(this, LocalBackendConfig.builder().path("../../../terraform." + id + ".tfstate").build());
    }
}
