package dev.gkeinference.constructs.project;

import com.hashicorp.cdktf.providers.google.project_service.ProjectService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.constructs.Construct;

/**
 * Enables the Google APIs a deployment needs. Each API is one {@code google_project_service} whose construct id is
 * the service's short name, so adding an API never moves another. APIs stay enabled on destroy: disabling an API
 * under running workloads (or other stacks) is never what a teardown means.
 */
public class ProjectServices extends Construct {

    /** What the multi-cluster TPU inference deployment uses, and why. */
    public static final List<String> INFERENCE_APIS = List.of(
            "compute.googleapis.com",                        // VPC, load balancers, NEGs, addresses
            "container.googleapis.com",                      // GKE
            "gkehub.googleapis.com",                         // fleet memberships and features
            "multiclusterservicediscovery.googleapis.com",   // MCS, prerequisite of multi-cluster Gateway
            "multiclusteringress.googleapis.com",            // multi-cluster Gateway controller
            "trafficdirector.googleapis.com",                // required by multi-cluster Gateway
            "dns.googleapis.com",                            // MCS uses Cloud DNS
            "networkservices.googleapis.com",                // Inference Gateway
            "autoscaling.googleapis.com",                    // AutoscalingMetric export to the load balancer
            "storage.googleapis.com",                        // model weights bucket, Cloud Storage FUSE
            "iam.googleapis.com",                            // service accounts, Workload Identity
            "iamcredentials.googleapis.com",                 // Workload Identity token exchange
            "cloudresourcemanager.googleapis.com",           // project lookups and IAM
            "monitoring.googleapis.com",                     // managed Prometheus
            "logging.googleapis.com");                       // cluster logging

    private final List<ProjectService> services = new ArrayList<>();

    public ProjectServices(Construct scope, String id, String project, List<String> apis) {
        super(scope, id);
        Objects.requireNonNull(project, "project");
        for (String api : apis) {
            if (!api.endsWith(".googleapis.com")) {
                throw new IllegalArgumentException("invalid API '" + api + "': expected a service name such as"
                        + " 'container.googleapis.com'");
            }
            services.add(ProjectService.Builder.create(this, api.substring(0, api.indexOf('.')))
                    .project(project)
                    .service(api)
                    .disableOnDestroy(false)
                    .build());
        }
    }

    /** The service resources, for {@code depends_on} of resources that need an API enabled first. */
    public List<ProjectService> resources() {
        return List.copyOf(services);
    }
}
