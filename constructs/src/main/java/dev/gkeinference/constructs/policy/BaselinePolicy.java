package dev.gkeinference.constructs.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Annotations;
import com.hashicorp.cdktf.Aspects;
import com.hashicorp.cdktf.IAspect;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformStack;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.constructs.IConstruct;

/**
 * Checks every resource against the {@link PolicyRule}s at synth time. A violation becomes an error annotation
 * naming resource, rule and fix, which makes synthesis fail; a violation covered by a {@link PolicyWaiver}
 * becomes an info annotation ({@link WaiverNote}) instead, so the exception stays visible in review. A waiver of a
 * check only checkov evaluates is noted on every resource it names, for the checkov run to be matched against.
 *
 * <p>The check reads the resource's own Terraform JSON ({@code toTerraform()}, escape-hatch overrides included),
 * so it sees exactly what will be synthesized, whichever construct built the resource.
 */
public final class BaselinePolicy implements IAspect {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PolicyWaiver> waivers;
    private final Set<PolicyRule> rules;
    /** Waivers that covered a violation; the rest are stale (the violation is gone, or they name nothing). */
    private final Set<PolicyWaiver> used = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private BaselinePolicy(List<PolicyWaiver> waivers, Set<PolicyRule> rules) {
        this.waivers = List.copyOf(waivers);
        this.rules = Set.copyOf(rules);
    }

    /**
     * Every rule, with these waivers, on each stack in {@code scope} (a stack, or the app once its stacks exist).
     * Added per stack because cdktf invokes aspects from each stack down: an aspect on the app alone never runs.
     */
    public static BaselinePolicy applyTo(IConstruct scope, List<PolicyWaiver> waivers) {
        BaselinePolicy policy = new BaselinePolicy(waivers, EnumSet.allOf(PolicyRule.class));
        List<IConstruct> stacks = scope.getNode().findAll().stream()
                .filter(c -> c instanceof TerraformStack).toList();
        if (stacks.isEmpty()) {
            throw new IllegalStateException("no stack under '" + scope.getNode().getPath()
                    + "': apply the policy after the stacks are created");
        }
        stacks.forEach(stack -> Aspects.of(stack).add(policy));
        return policy;
    }

    @Override
    public void visit(IConstruct node) {
        if (!(node instanceof TerraformResource resource)) {
            return;
        }
        String type = resource.getTerraformResourceType();
        JsonNode config = configOf(resource, type);
        if (config == null) {
            return;
        }
        String address = type + "." + config.path("//").path("metadata").path("uniqueId").asText("?");
        String path = node.getNode().getPath();
        for (PolicyRule rule : rules) {
            rule.problem(type, config).ifPresent(problem -> report(node, rule, problem, path, address));
        }
        waivers.stream().filter(w -> w.coversCheckovOnly(path, address)).forEach(w -> note(node, w, address));
    }

    private void note(IConstruct node, PolicyWaiver waiver, String address) {
        used.add(waiver);
        Annotations.of(node).addInfo(WaiverNote.of(waiver, address).message());
    }

    private void report(IConstruct node, PolicyRule rule, String problem, String path, String address) {
        Optional<PolicyWaiver> waiver = waivers.stream().filter(w -> w.covers(rule, path, address)).findFirst();
        if (waiver.isPresent()) {
            note(node, waiver.get(), address);
            return;
        }
        Annotations.of(node).addError("policy " + rule.label() + " violated by " + address + " (" + path + "): "
                + problem + "; " + rule.requirement() + ". fix: " + rule.fix()
                + ". to accept the risk, add a waiver to the config: policy.waivers: [{rule: " + rule.id()
                + ", resource: \"" + path + "\", reason: \"...\"}]");
    }

    /**
     * Waivers that covered no violation in the stacks synthesized so far: after synthesis, candidates for removal
     * (a waiver outliving its reason would silently cover the next real violation).
     */
    public List<PolicyWaiver> unusedWaivers() {
        return waivers.stream().filter(w -> !used.contains(w)).toList();
    }

    /** The resource's body as it will be synthesized, or null when it is moved away or not expressible. */
    private static JsonNode configOf(TerraformResource resource, String type) {
        JsonNode whole = JSON.valueToTree(resource.toTerraform());
        JsonNode byName = whole.path("resource").path(type);
        return byName.isObject() && byName.size() == 1 ? byName.elements().next() : null;
    }
}
