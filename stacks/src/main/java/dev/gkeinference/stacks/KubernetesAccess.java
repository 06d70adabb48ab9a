package dev.gkeinference.stacks;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.data_google_client_config.DataGoogleClientConfig;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import dev.gkeinference.constructs.compat.ProviderVersions;
import dev.gkeinference.constructs.gke.ICluster;

/**
 * The Kubernetes provider of a stack that talks to one cluster: the control plane's DNS endpoint from the cluster's
 * stack and the Google access token of whoever runs Terraform, checked by IAM (no client certificate or static
 * token exists on these clusters). No cluster CA: the DNS endpoint serves a publicly trusted certificate, and
 * pinning the cluster CA would fail its TLS handshake. The cluster must exist when the stack is planned, which is
 * why it is never created in the same stack.
 */
final class KubernetesAccess {
    private KubernetesAccess() {
    }

    static KubernetesProvider connect(TerraformStack stack, ICluster cluster) {
        DataGoogleClientConfig client = DataGoogleClientConfig.Builder.create(stack, "google-client").build();
        ProviderVersions.requireKubernetes(stack);
        return KubernetesProvider.Builder.create(stack, "kubernetes")
                .host("https://" + cluster.dnsEndpoint())
                .token(client.getAccessToken())
                .build();
    }
}
