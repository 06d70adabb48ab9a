package dev.gkeinference.constructs.kubernetes;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.kubernetes.manifest.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * One Kubernetes object applied with {@code kubernetes_manifest}, exactly as given: no typed resource in between
 * that would add defaults or rename fields. The intention-revealing constructs of this library build on it.
 *
 * <p>The {@code kubernetes_manifest} resource reads the object's schema from the cluster when it is planned, so
 * the cluster, and the CRD of a custom kind, must exist before the stack holding the object is planned.
 */
public class KubernetesObject extends Construct {
    private final Manifest manifest;
    private final String name;
    private final String namespace;

    /**
     * @param object the whole object: {@code apiVersion}, {@code kind}, {@code metadata} (with {@code name}) and
     *               the kind's fields
     */
    public KubernetesObject(Construct scope, String id, Map<String, Object> object) {
        super(scope, id);
        Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
        if (object.get("apiVersion") == null || object.get("kind") == null || metadata == null
                || metadata.get("name") == null) {
            throw new IllegalArgumentException("a kubernetes object needs apiVersion, kind and metadata.name, got "
                    + object.keySet());
        }
        this.name = (String) metadata.get("name");
        this.namespace = (String) metadata.get("namespace");
        this.manifest = Manifest.Builder.create(this, "Resource").manifest(object).build();
    }

    public Manifest resource() {
        return manifest;
    }

    public String name() {
        return name;
    }

    /** The namespace, or null for a cluster-scoped object. */
    public String namespace() {
        return namespace;
    }

    /** Applies this object only after the given resources (objects of the same stack it needs at runtime). */
    public KubernetesObject applyAfter(TerraformResource... dependencies) {
        List<String> dependsOn = new ArrayList<>(Objects.requireNonNullElse(manifest.getDependsOn(), List.of()));
        for (TerraformResource dependency : dependencies) {
            // the bare address, as depends_on takes it (an fqn token would render as an interpolation)
            String address = dependency.getTerraformResourceType() + "." + dependency.getFriendlyUniqueId();
            if (!dependsOn.contains(address)) {
                dependsOn.add(address);
            }
        }
        manifest.setDependsOn(dependsOn);
        return this;
    }
}
