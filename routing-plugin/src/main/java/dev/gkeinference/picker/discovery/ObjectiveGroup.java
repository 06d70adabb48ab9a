package dev.gkeinference.picker.discovery;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.logging.Logger;

/**
 * Which InferenceObjective API to watch, decided once at start as the llm-d router does: {@code llm-d.ai/v1alpha2}
 * when installed, else the legacy {@code inference.networking.x-k8s.io/v1alpha2} (with a deprecation line); with
 * both installed the legacy objects are ignored. With neither, the current group is watched until it appears.
 */
final class ObjectiveGroup {

    static final ResourceDefinitionContext CURRENT = context("llm-d.ai");
    static final ResourceDefinitionContext LEGACY = context("inference.networking.x-k8s.io");
    private static final Logger LOG = Logger.getLogger(ObjectiveGroup.class.getName());

    private ObjectiveGroup() {
    }

    /** The API to watch, or null while the API server does not answer (the caller tries again). */
    static ResourceDefinitionContext choose(KubernetesClient client) {
        try {
            return chooseOnce(client);
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    private static ResourceDefinitionContext chooseOnce(KubernetesClient client) {
        if (installed(client, CURRENT)) {
            return CURRENT;
        }
        if (installed(client, LEGACY)) {
            LOG.warning("DEPRECATION: InferenceObjectives are read from the legacy API group "
                    + LEGACY.getGroup() + "; install the llm-d.ai CRD (inferenceobjectives.llm-d.ai) instead");
            return LEGACY;
        }
        LOG.warning("no InferenceObjective API is installed (neither " + CURRENT.getGroup() + " nor "
                + LEGACY.getGroup() + "): every request has priority 0 until " + CURRENT.getGroup() + " appears");
        return CURRENT;
    }

    private static boolean installed(KubernetesClient client, ResourceDefinitionContext api) {
        try {
            APIResourceList resources = client.getApiResources(api.getGroup() + "/" + api.getVersion());
            if (resources == null) {
                return false;
            }
            for (APIResource r : resources.getResources()) {
                if (api.getPlural().equals(r.getName())) {
                    return true;
                }
            }
            return false;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static ResourceDefinitionContext context(String group) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion("v1alpha2")
                .withKind("InferenceObjective").withPlural("inferenceobjectives").withNamespaced(true).build();
    }
}
