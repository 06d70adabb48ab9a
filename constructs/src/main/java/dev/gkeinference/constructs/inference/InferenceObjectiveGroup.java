package dev.gkeinference.constructs.inference;

/**
 * The API group InferenceObjectives live in, and the CRD bundled for it. Install one CRD per cluster, never both:
 * the llm-d picker prefers {@code llm-d.ai} and ignores legacy objectives when both exist.
 */
public enum InferenceObjectiveGroup {
    /** {@code llm-d.ai/v1alpha2}, CRD {@code inferenceobjectives.llm-d.ai} of llm-d-router v0.10.0: current. */
    LLM_D("llm-d.ai", "llm-d.ai_inferenceobjectives.yaml", "llm-d-router v0.10.0"),
    /**
     * {@code inference.networking.x-k8s.io/v1alpha2}, CRD of Gateway API Inference Extension v1.5.0 (the last
     * release with it): what GKE's multi-cluster guide installs. The llm-d picker still reads it, with a deprecation
     * log line.
     */
    LEGACY("inference.networking.x-k8s.io", "inference.networking.x-k8s.io_inferenceobjectives.yaml",
            "Gateway API Inference Extension v1.5.0");

    /** The only version either CRD serves. */
    public static final String VERSION = "v1alpha2";

    private final String group;
    private final String crdResource;
    private final String crdSource;

    InferenceObjectiveGroup(String group, String crdResource, String crdSource) {
        this.group = group;
        this.crdResource = crdResource;
        this.crdSource = crdSource;
    }

    /** The API group, also the value configuration files use. */
    public String group() {
        return group;
    }

    public String apiVersion() {
        return group + "/" + VERSION;
    }

    /** The bundled CRD file, a classpath resource next to this class. */
    public String crdResource() {
        return crdResource;
    }

    /** Which upstream release the bundled CRD file is from. */
    public String crdSource() {
        return crdSource;
    }

    /** The CRD's name, {@code inferenceobjectives.<group>}. */
    public String crdName() {
        return "inferenceobjectives." + group;
    }

    /** The group of this name. */
    public static InferenceObjectiveGroup fromGroup(String group) {
        for (InferenceObjectiveGroup candidate : values()) {
            if (candidate.group.equals(group)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException((group == null ? "missing" : "'" + group + "'") + " is not an"
                + " InferenceObjective API group: allowed are " + LLM_D.group + " (current), " + LEGACY.group
                + " (legacy)");
    }
}
