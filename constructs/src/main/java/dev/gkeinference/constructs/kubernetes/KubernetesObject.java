package dev.gkeinference.constructs.kubernetes;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.providers.kubernetes.manifest.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.constructs.Construct;

/**
 * One Kubernetes object applied with {@code kubernetes_manifest}, exactly as given: a typed object (fabric8's model
 * for core kinds, classes generated from the bundled CRDs for custom ones) serialized by {@link ManifestMapper}, with
 * no provider resource in between that would add defaults or rename fields. The intention-revealing constructs of
 * this library build on it.
 *
 * <p>The {@code kubernetes_manifest} resource reads the object's schema from the cluster when it is planned, so
 * the cluster, and the CRD of a custom kind, must exist before the stack holding the object is planned.
 */
public class KubernetesObject extends Construct {
    private final Manifest manifest;
    private final String name;
    private final String namespace;

    /**
     * @param object the whole object, with {@code apiVersion}, {@code kind} and {@code metadata.name}
     */
    public KubernetesObject(Construct scope, String id, HasMetadata object) {
        super(scope, id);
        ObjectMeta metadata = object.getMetadata();
        if (object.getApiVersion() == null || object.getKind() == null || metadata == null
                || metadata.getName() == null) {
            throw new IllegalArgumentException("a kubernetes object needs apiVersion, kind and metadata.name, got "
                    + object.getApiVersion() + " " + object.getKind() + " named "
                    + (metadata == null ? null : metadata.getName()));
        }
        this.name = metadata.getName();
        this.namespace = metadata.getNamespace();
        this.manifest = Manifest.Builder.create(this, "Resource").manifest(ManifestMapper.toManifest(object)).build();
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
