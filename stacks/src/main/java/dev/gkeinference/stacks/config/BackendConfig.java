package dev.gkeinference.stacks.config;

import dev.gkeinference.constructs.storage.BucketName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where each stack keeps its Terraform state ({@code backend:} in the config). Every stack gets its own state:
 * its own GCS prefix or its own Terraform Cloud workspace, named after the stack id.
 *
 * <pre>
 * backend:
 *   type: cloud                         # local (default) | gcs | cloud
 *   organization: acme                  # cloud: the Terraform Cloud / HCP Terraform organization
 *   project: inference                  # cloud, optional: the Terraform Cloud project of the workspaces
 *   hostname: app.terraform.io          # cloud, optional: for Terraform Enterprise
 *   workspaces: gke-inference-{stack}   # cloud: one workspace per stack. Default: &lt;deployment name&gt;-{stack}
 *   # gcs:  bucket: acme-tf-state       # an existing bucket with versioning on
 *   #       prefix: gke-inference       # state of a stack at &lt;prefix&gt;/&lt;stack&gt;. Default: terraform/&lt;deployment name&gt;
 * </pre>
 */
public record BackendConfig(String type, String bucket, String prefix, String organization, String project,
                            String hostname, String workspaces) {
    public static final String LOCAL = "local";
    public static final String GCS = "gcs";
    public static final String CLOUD = "cloud";
    /** Replaced by the stack id in the workspace name pattern. */
    public static final String STACK_PLACEHOLDER = "{stack}";

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern ORGANIZATION = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern WORKSPACE = Pattern.compile("[A-Za-z0-9_-]{1,90}");
    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Map<String, List<String>> KEYS_BY_TYPE = Map.of(
            LOCAL, List.of(),
            GCS, List.of("bucket", "prefix"),
            CLOUD, List.of("organization", "project", "hostname", "workspaces"));

    /** The default: state files next to the output directory. */
    public static final BackendConfig DEFAULT = new BackendConfig(null, null, null, null, null, null, null);

    public String kind() {
        return type == null ? LOCAL : type;
    }

    /** {@code <prefix>/<stack>}: one state per stack in the bucket. */
    public String gcsPrefix(String deploymentName, String stackId) {
        return (prefix == null ? "terraform/" + deploymentName : prefix) + "/" + stackId;
    }

    /** The stack's Terraform Cloud workspace: the pattern with {@value #STACK_PLACEHOLDER} replaced. */
    public String workspaceName(String deploymentName, String stackId) {
        return workspacePattern(deploymentName).replace(STACK_PLACEHOLDER, stackId);
    }

    private String workspacePattern(String deploymentName) {
        return workspaces == null ? deploymentName + "-" + STACK_PLACEHOLDER : workspaces;
    }

    /** Problems, each naming the key path ({@code backend.*}), the bad value and what is allowed. */
    public List<String> problems(String deploymentName, List<String> stackIds) {
        List<String> problems = new ArrayList<>();
        List<String> allowedKeys = KEYS_BY_TYPE.get(kind());
        if (allowedKeys == null) {
            problems.add("backend.type: '" + type + "' is not a backend: allowed are local, gcs, cloud");
            return problems;
        }
        misplacedKeys(allowedKeys, problems);
        switch (kind()) {
            case GCS -> gcsProblems(problems);
            case CLOUD -> cloudProblems(deploymentName, stackIds, problems);
            default -> { }
        }
        return problems;
    }

    private void misplacedKeys(List<String> allowedKeys, List<String> problems) {
        Map<String, String> set = new java.util.LinkedHashMap<>();
        set.put("bucket", bucket);
        set.put("prefix", prefix);
        set.put("organization", organization);
        set.put("project", project);
        set.put("hostname", hostname);
        set.put("workspaces", workspaces);
        set.forEach((key, value) -> {
            if (value != null && !allowedKeys.contains(key)) {
                problems.add("backend." + key + ": not used by backend type '" + kind() + "'"
                        + (allowedKeys.isEmpty() ? " (it takes no settings)" : "; its keys are "
                        + String.join(", ", allowedKeys)));
            }
        });
    }

    private void gcsProblems(List<String> problems) {
        try {
            BucketName.require(bucket);
        } catch (IllegalArgumentException e) {
            problems.add("backend.bucket: " + e.getMessage() + "; the gcs backend needs an existing bucket");
        }
        if (prefix != null && !PREFIX.matcher(prefix).matches()) {
            problems.add("backend.prefix: " + quoted(prefix) + " is not a path prefix (segments of letters, digits,"
                    + " '.', '_' or '-' separated by '/', no leading or trailing '/')");
        }
    }

    private void cloudProblems(String deploymentName, List<String> stackIds, List<String> problems) {
        if (organization == null || !ORGANIZATION.matcher(organization).matches()) {
            problems.add("backend.organization: " + quoted(organization) + " is not a Terraform Cloud organization"
                    + " name (letters, digits, '_' or '-'); the cloud backend needs one");
        }
        if (hostname != null && !HOSTNAME.matcher(hostname).matches()) {
            problems.add("backend.hostname: " + quoted(hostname) + " is not a host name (e.g. app.terraform.io)");
        }
        String pattern = workspacePattern(deploymentName);
        if (!pattern.contains(STACK_PLACEHOLDER)) {
            problems.add("backend.workspaces: " + quoted(workspaces) + " must contain " + STACK_PLACEHOLDER
                    + " so that every stack gets its own workspace (e.g. '" + deploymentName + "-{stack}')");
            return;
        }
        for (String stackId : stackIds) {
            String name = workspaceName(deploymentName, stackId);
            if (!WORKSPACE.matcher(name).matches()) {
                problems.add("backend.workspaces: '" + pattern + "' gives workspace '" + name + "' for stack '"
                        + stackId + "', which is not a workspace name (1-90 letters, digits, '_' or '-')");
            }
        }
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
