package dev.gkeinference.constructs.compat;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformStack;
import software.constructs.IConstruct;

/**
 * The one place that declares what the prebuilt bindings cannot express.
 *
 * <p>{@code com.hashicorp:cdktf-provider-google:16.12.1} binds hashicorp/google 6.50.0; managed DRANET needs
 * {@code google_container_node_pool.network_config.accelerator_network_profile}, which is GA only from google
 * 7.31.0. So the synthesized configuration requires a 7.x provider and sets that attribute through an
 * override, which deep-merges into the {@code network_config} block the bindings emit.
 */
public final class GoogleProviderGaps {

    /** google 7.31.0 is the first GA release with {@code accelerator_network_profile}; 8.x is a new major. */
    public static final String GOOGLE_PROVIDER_VERSION = ">= 7.31.0, < 8.0.0";

    private GoogleProviderGaps() {
    }

    /**
     * Replaces the provider constraint the bindings emit (6.50.0) with {@link #GOOGLE_PROVIDER_VERSION} in the
     * stack that holds {@code scope}. Idempotent.
     */
    public static void requireGoogle7(IConstruct scope) {
        TerraformStack.of(scope).addOverride("terraform.required_providers.google.version", GOOGLE_PROVIDER_VERSION);
    }

    /** Sets {@code network_config.accelerator_network_profile} (google 7.31.0+) on a node pool resource. */
    public static void setAcceleratorNetworkProfile(TerraformResource nodePool, String profile) {
        requireGoogle7(nodePool);
        nodePool.addOverride("network_config.accelerator_network_profile", profile);
    }
}
