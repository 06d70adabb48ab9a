package dev.gkeinference.stacks.backend;

import com.hashicorp.cdktf.CloudBackend;
import com.hashicorp.cdktf.CloudBackendConfig;
import com.hashicorp.cdktf.GcsBackend;
import com.hashicorp.cdktf.GcsBackendConfig;
import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.NamedCloudWorkspace;
import com.hashicorp.cdktf.TerraformBackend;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.stacks.config.BackendConfig;

/**
 * Gives a stack the state backend the config asks for. Each stack gets its own state, and the backends are the
 * kinds cdktf can read back for cross-stack references ({@code terraform_remote_state}): a local path, a GCS
 * prefix, or a Terraform Cloud workspace <em>by name</em> (tagged workspaces cannot be referenced).
 */
public final class StateBackends {

    private StateBackends() {
    }

    /**
     * Attaches the backend to {@code stack}. Call with a validated {@link BackendConfig}.
     *
     * @param deploymentName default prefix of GCS state paths and Terraform Cloud workspace names
     */
    public static TerraformBackend attach(TerraformStack stack, String stackId, BackendConfig config,
                                          String deploymentName) {
        return switch (config.kind()) {
            case BackendConfig.GCS -> new GcsBackend(stack, GcsBackendConfig.builder()
                    .bucket(config.bucket())
                    .prefix(config.gcsPrefix(deploymentName, stackId))
                    .build());
            case BackendConfig.CLOUD -> new CloudBackend(stack, cloud(stackId, config, deploymentName));
            case BackendConfig.LOCAL -> local(stack, stackId);
            default -> throw new IllegalArgumentException("backend.type: '" + config.type()
                    + "' is not a backend: allowed are local, gcs, cloud");
        };
    }

    /**
     * Local state lives beside the output directory, never inside it (re-synthesis replaces the output), at a path
     * relative to the stack's working directory {@code <out>/stacks/<id>}: the same on every machine, and the same
     * path a dependent stack's {@code terraform_remote_state} reads.
     */
    private static LocalBackend local(TerraformStack stack, String stackId) {
        return new LocalBackend(stack, LocalBackendConfig.builder()
                .path("../../../terraform." + stackId + ".tfstate").build());
    }

    private static CloudBackendConfig cloud(String stackId, BackendConfig config, String deploymentName) {
        String workspace = config.workspaceName(deploymentName, stackId);
        CloudBackendConfig.Builder builder = CloudBackendConfig.builder()
                .organization(config.organization())
                .workspaces(config.project() == null ? new NamedCloudWorkspace(workspace)
                        : new NamedCloudWorkspace(workspace, config.project()));
        if (config.hostname() != null) {
            builder.hostname(config.hostname());
        }
        return builder.build();
    }
}
