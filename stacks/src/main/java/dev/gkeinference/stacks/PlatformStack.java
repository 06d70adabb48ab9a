package dev.gkeinference.stacks;

import dev.gkeinference.constructs.inference.EndpointPickerAccess;
import dev.gkeinference.constructs.inference.EndpointPickerAccessProps;
import dev.gkeinference.constructs.inference.InferenceObjectiveCrd;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import dev.gkeinference.constructs.kubernetes.Namespace;
import dev.gkeinference.constructs.kubernetes.NamespaceProps;
import dev.gkeinference.constructs.kubernetes.ServiceAccount;
import dev.gkeinference.constructs.kubernetes.ServiceAccountProps;
import dev.gkeinference.stacks.plan.ServingPlan;
import dev.gkeinference.stacks.plan.StackSettings;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * What one region's workloads stand on: the serving namespace, the service accounts of the model server and the
 * endpoint picker (the former with read access to the model bucket, the latter too when it runs the bundled
 * routing-plugin jar from the bucket), the picker's RBAC (with the upstream picker, also the token and access
 * reviews of its metrics auth), and the InferenceObjective CRD of the configured API group, which must exist before
 * the workload stack that holds objectives is planned.
 */
public class PlatformStack extends InferenceStack {
    private final Namespace namespace;
    private final ServiceAccount modelServerAccount;
    private final EndpointPickerAccess pickerAccess;
    private final InferenceObjectiveCrd objectiveCrd;

    public PlatformStack(Construct scope, String id, StackSettings settings, ServingPlan serving,
            ClusterStack cluster, GlobalStack global) {
        super(scope, id, settings, cluster.region());
        KubernetesAccess.connect(this, cluster.cluster());
        String ns = serving.namespace();
        this.namespace = new Namespace(this, "namespace", NamespaceProps.of(ns));
        this.modelServerAccount = new ServiceAccount(this, "model-server-sa",
                ServiceAccountProps.of(serving.modelServer().serviceAccount(), ns));
        global.bucket().grantRead(modelServerAccount.principal(global.projectNumber(), settings.project()));
        this.pickerAccess = new EndpointPickerAccess(this, "picker-access", EndpointPickerAccessProps.builder()
                .name(serving.picker().serviceAccount()).namespace(ns)
                .objectiveGroup(serving.objectiveGroup())
                // both pickers check who scrapes their metrics through the API server
                .metricsAuth(true)
                // either picker runs two replicas that elect a leader with a Lease
                .leaderElection(true)
                .build());
        if (global.pickerJar().isPresent()) {
            // The bundled picker reads its jar from the bucket through Cloud Storage FUSE.
            global.bucket().grantRead(pickerAccess.serviceAccount().principal(global.projectNumber(),
                    settings.project()));
        }
        // One objective CRD per cluster, never both: the llm-d picker ignores legacy objectives when both exist.
        this.objectiveCrd = new InferenceObjectiveCrd(this, "objective-crd", serving.objectiveGroup());
        applyInNamespace(modelServerAccount);
        applyInNamespace(pickerAccess);
        addDependency(cluster);
    }

    /** Objects in the namespace are applied after it: the API server rejects them until it exists. */
    private void applyInNamespace(IConstruct scope) {
        for (IConstruct child : scope.getNode().findAll()) {
            if (child instanceof KubernetesObject object) {
                object.applyAfter(namespace.resource());
            }
        }
    }

    public Namespace namespace() {
        return namespace;
    }

    public ServiceAccount modelServerAccount() {
        return modelServerAccount;
    }

    public EndpointPickerAccess pickerAccess() {
        return pickerAccess;
    }

    public InferenceObjectiveCrd objectiveCrd() {
        return objectiveCrd;
    }
}
