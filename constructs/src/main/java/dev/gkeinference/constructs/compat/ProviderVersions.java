package dev.gkeinference.constructs.compat;

import com.hashicorp.cdktf.TerraformStack;
import software.constructs.IConstruct;

/**
 * The provider versions the synthesized configuration works with, replacing the exact versions the prebuilt
 * bindings pin (google 6.50.0, kubernetes 2.38.0).
 *
 * <p>google: 7.31.0 is the first GA release with {@code accelerator_network_profile}; nothing of 8.x breaks what
 * we write (its {@code enable_components} sets take our list literals; we index none of them and use no
 * {@code name_prefix}; {@code remove_default_node_pool} is only deprecated). kubernetes: 2.38.0 is what the
 * bindings describe; 3.x keeps {@code kubernetes_manifest} and the provider block as they are (environment
 * variables no longer override attributes set in the block, which is what we want).
 */
public final class ProviderVersions {
    public static final String GOOGLE = ">= 7.31.0, < 9.0.0";
    public static final String KUBERNETES = ">= 2.38.0, < 4.0.0";

    private ProviderVersions() {
    }

    /** Sets {@link #GOOGLE} as the google constraint of the stack that holds {@code scope}. Idempotent. */
    public static void requireGoogle(IConstruct scope) {
        TerraformStack.of(scope).addOverride("terraform.required_providers.google.version", GOOGLE);
    }

    /**
     * Sets {@link #KUBERNETES} as the kubernetes constraint of the stack that holds {@code scope}; call it only
     * for a stack with a kubernetes provider. Idempotent.
     */
    public static void requireKubernetes(IConstruct scope) {
        TerraformStack.of(scope).addOverride("terraform.required_providers.kubernetes.version", KUBERNETES);
    }
}
