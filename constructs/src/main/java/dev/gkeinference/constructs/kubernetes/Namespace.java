package dev.gkeinference.constructs.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import software.constructs.Construct;

/** A Kubernetes namespace ({@code v1 Namespace}). */
public class Namespace extends KubernetesObject {

    public Namespace(Construct scope, String id, NamespaceProps props) {
        super(scope, id, new NamespaceBuilder()
                .withNewMetadata()
                .withName(KubernetesNames.requireLabel("namespace name", props.name()))
                .withLabels(props.labels())
                .endMetadata()
                .build());
    }
}
