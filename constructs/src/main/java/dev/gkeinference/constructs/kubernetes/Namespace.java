package dev.gkeinference.constructs.kubernetes;

import java.util.Map;
import software.constructs.Construct;

/** A Kubernetes namespace ({@code v1 Namespace}). */
public class Namespace extends KubernetesObject {

    public Namespace(Construct scope, String id, NamespaceProps props) {
        super(scope, id, KubernetesMaps.object("v1", "Namespace",
                KubernetesMaps.metadata(KubernetesNames.requireLabel("namespace name", props.name()), null,
                        props.labels(), Map.of()),
                null));
    }
}
