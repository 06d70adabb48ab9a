package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.k8s.networking.inference.v1.InferencePoolSpec;
import io.k8s.networking.inference.v1.inferencepoolspec.EndpointPickerRef;
import io.k8s.networking.inference.v1.inferencepoolspec.Selector;
import io.k8s.networking.inference.v1.inferencepoolspec.TargetPorts;
import io.k8s.networking.inference.v1.inferencepoolspec.endpointpickerref.Port;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * An {@code inference.networking.k8s.io/v1} {@code InferencePool}: the model-server pods a gateway routes to,
 * through an endpoint picker. Exported for the multi-cluster Inference Gateway by default: with
 * {@code networking.gke.io/export: "True"} GKE creates a {@code GCPInferencePoolImport} of the same name and
 * namespace on the fleet's config cluster, merging the pools of every cluster.
 */
public class InferencePool extends KubernetesObject {
    public static final String GROUP = "inference.networking.k8s.io";
    public static final String API_VERSION = GROUP + "/v1";
    /** GKE's multi-cluster export annotation; the value is the string {@code "True"}. */
    public static final String EXPORT_ANNOTATION = "networking.gke.io/export";

    private final List<Integer> targetPorts;

    public InferencePool(Construct scope, String id, InferencePoolProps props) {
        super(scope, id, pool(props));
        this.targetPorts = props.targetPorts();
    }

    private static io.k8s.networking.inference.v1.InferencePool pool(InferencePoolProps props) {
        io.k8s.networking.inference.v1.InferencePool pool = new io.k8s.networking.inference.v1.InferencePool();
        pool.setMetadata(new ObjectMetaBuilder()
                .withName(KubernetesNames.requireSubdomain("pool name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .withAnnotations(props.exported() ? Map.of(EXPORT_ANNOTATION, "True") : Map.of())
                .build());
        InferencePoolSpec spec = new InferencePoolSpec();
        // Generated classes start with the CRD's defaults; the API server applies them, the manifest leaves them out.
        spec.setAppProtocol(null);
        Selector selector = new Selector();
        selector.setMatchLabels(props.selector());
        spec.setSelector(selector);
        spec.setTargetPorts(props.targetPorts().stream().map(InferencePool::targetPort).toList());
        spec.setEndpointPickerRef(pickerRef(props));
        pool.setSpec(spec);
        return pool;
    }

    private static TargetPorts targetPort(int number) {
        TargetPorts port = new TargetPorts();
        port.setNumber(number);
        return port;
    }

    private static EndpointPickerRef pickerRef(InferencePoolProps props) {
        EndpointPickerRef ref = new EndpointPickerRef();
        // Also defaults of the CRD (core group, kind Service): the API server's to apply.
        ref.setGroup(null);
        ref.setKind(null);
        ref.setName(props.picker().serviceName());
        Port port = new Port();
        port.setNumber(props.picker().extProcPort());
        ref.setPort(port);
        ref.setFailureMode(props.failureMode() == PickerFailureMode.FAIL_OPEN
                ? EndpointPickerRef.FailureMode.FAILOPEN : EndpointPickerRef.FailureMode.FAILCLOSE);
        return ref;
    }

    public List<Integer> targetPorts() {
        return targetPorts;
    }
}
