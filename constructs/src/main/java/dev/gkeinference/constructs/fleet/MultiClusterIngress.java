package dev.gkeinference.constructs.fleet;

import com.hashicorp.cdktf.providers.google.gke_hub_feature.GkeHubFeature;
import com.hashicorp.cdktf.providers.google.gke_hub_feature.GkeHubFeatureSpec;
import com.hashicorp.cdktf.providers.google.gke_hub_feature.GkeHubFeatureSpecMulticlusteringress;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import java.util.List;
import software.constructs.Construct;

/**
 * The fleet's multi-cluster ingress feature ({@code multiclusteringress}), which runs the multi-cluster Gateway
 * controller for the config cluster and installs the {@code -mc} GatewayClasses, and the
 * {@code roles/container.admin} grant its service agent needs to program the clusters' load balancing.
 */
public class MultiClusterIngress extends Construct {
    public static final String FEATURE = "multiclusteringress";
    public static final String SERVICE_AGENT_ROLE = "roles/container.admin";

    private final GkeHubFeature feature;
    private final ProjectIamMember serviceAgentAccess;

    public MultiClusterIngress(Construct scope, String id, MultiClusterIngressProps props) {
        super(scope, id);
        FleetProject project = props.project();
        this.feature = GkeHubFeature.Builder.create(this, "feature")
                .project(project.projectId())
                .name(FEATURE)
                .location("global")
                .spec(GkeHubFeatureSpec.builder()
                        .multiclusteringress(GkeHubFeatureSpecMulticlusteringress.builder()
                                .configMembership(props.configMembership().resourceName())
                                .build())
                        .build())
                .dependsOn(List.of(props.serviceDiscovery().feature()))
                .build();
        // The service agent exists once the feature is enabled, so the grant waits for the feature.
        this.serviceAgentAccess = ProjectIamMember.Builder.create(this, "service-agent-container-admin")
                .project(project.projectId())
                .role(SERVICE_AGENT_ROLE)
                .member("serviceAccount:" + serviceAgentEmail(project))
                .dependsOn(List.of(feature))
                .build();
    }

    /** {@code service-NUMBER@gcp-sa-multiclusteringress.iam.gserviceaccount.com}. */
    public static String serviceAgentEmail(FleetProject project) {
        return "service-" + project.projectNumber() + "@gcp-sa-multiclusteringress.iam.gserviceaccount.com";
    }

    public GkeHubFeature feature() {
        return feature;
    }

    public ProjectIamMember serviceAgentAccess() {
        return serviceAgentAccess;
    }
}
