package dev.gkeinference.stacks;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import dev.gkeinference.constructs.compat.ProviderVersions;
import dev.gkeinference.stacks.backend.StateBackends;
import dev.gkeinference.stacks.plan.StackSettings;
import software.constructs.Construct;

/**
 * What every stack of a deployment starts with: the google provider for the project (and region, for regional
 * stacks), its version constraint, and where its state lives ({@link StateBackends}: local by default, GCS or
 * Terraform Cloud from the config's {@code backend}).
 */
public abstract class InferenceStack extends TerraformStack {

    protected InferenceStack(Construct scope, String id, StackSettings settings, String region) {
        super(scope, id);
        GoogleProvider.Builder.create(this, "google").project(settings.project()).region(region).build();
        ProviderVersions.requireGoogle(this);
        StateBackends.attach(this, id, settings.backend(), settings.deploymentName());
    }
}
