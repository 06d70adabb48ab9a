package dev.gkeinference.stacks;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.data_google_client_config.DataGoogleClientConfig;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import dev.gkeinference.constructs.gke.RegionalTpuCluster;

/**
 * The Kubernetes provider of a stack that talks to one cluster: the control plane endpoint and CA come from the
 * cluster's stack, the credential is the Google access token of whoever runs Terraform (no client certificate or
 * static token exists on these clusters). The cluster must exist when the stack is planned, which is why it is
 * never created in the same stack.
 */
final class KubernetesAccess {
    private KubernetesAccess() {
    }

    static KubernetesProvider connect(TerraformStack stack, RegionalTpuCluster cluster) {
        DataGoogleClientConfig client = DataGoogleClientConfig.Builder.create(stack, "google-client").build();
        return KubernetesProvider.Builder.create(stack, "kubernetes")
                .host("https://" + cluster.endpoint())
                .clusterCaCertificate(Fn.base64decode(cluster.caCertificate()))
                .token(client.getAccessToken())
                .build();
    }
}
