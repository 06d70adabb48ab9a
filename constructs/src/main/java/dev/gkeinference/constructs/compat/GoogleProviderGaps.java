package dev.gkeinference.constructs.compat;

import com.hashicorp.cdktf.TerraformResource;

/**
 * The one place that declares what the prebuilt google bindings cannot express.
 *
 * <p>{@code com.hashicorp:cdktf-provider-google:16.12.1} binds hashicorp/google 6.50.0; managed DRANET needs
 * {@code google_container_node_pool.network_config.accelerator_network_profile}, which is GA only from google
 * 7.31.0. So it is set through an override, which deep-merges into the {@code network_config} block the bindings
 * emit, and the stack requires {@link ProviderVersions#GOOGLE}.
 */
public final class GoogleProviderGaps {

    private GoogleProviderGaps() {
    }

    /** Sets {@code network_config.accelerator_network_profile} (google 7.31.0+) on a node pool resource. */
    public static void setAcceleratorNetworkProfile(TerraformResource nodePool, String profile) {
        ProviderVersions.requireGoogle(nodePool);
        nodePool.addOverride("network_config.accelerator_network_profile", profile);
    }
}
