package dev.gkeinference.constructs.fleet;

import com.hashicorp.cdktf.providers.google.gke_hub_feature.GkeHubFeature;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import dev.gkeinference.constructs.storage.WorkloadIdentityPrincipal;
import software.constructs.Construct;

/**
 * The fleet's multi-cluster service discovery feature ({@code multiclusterservicediscovery}), a prerequisite of
 * multi-cluster Gateways, and the network-viewer role its importer ({@code gke-mcs/gke-mcs-importer}) needs to
 * read the VPC.
 */
public class MultiClusterServiceDiscovery extends Construct {
    public static final String FEATURE = "multiclusterservicediscovery";
    public static final String IMPORTER_ROLE = "roles/compute.networkViewer";

    private final GkeHubFeature feature;
    private final ProjectIamMember importerAccess;

    public MultiClusterServiceDiscovery(Construct scope, String id, FleetProject project) {
        super(scope, id);
        this.feature = GkeHubFeature.Builder.create(this, "feature")
                .project(project.projectId())
                .name(FEATURE)
                .location("global")
                .build();
        String importer = WorkloadIdentityPrincipal.kubernetesServiceAccount(this, project.projectNumber(),
                project.projectId(), "gke-mcs", "gke-mcs-importer").member();
        this.importerAccess = ProjectIamMember.Builder.create(this, "importer-network-viewer")
                .project(project.projectId())
                .role(IMPORTER_ROLE)
                .member(importer)
                .build();
    }

    public GkeHubFeature feature() {
        return feature;
    }

    public ProjectIamMember importerAccess() {
        return importerAccess;
    }
}
