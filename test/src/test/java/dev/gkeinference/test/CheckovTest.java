package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.gkeinference.constructs.policy.BaselinePolicy;
import dev.gkeinference.constructs.policy.PolicyRule;
import dev.gkeinference.constructs.policy.PolicyWaiver;
import dev.gkeinference.constructs.policy.WaiverNote;
import dev.gkeinference.constructs.testing.PolicyViolations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * checkov on the synthesized output: the reference deployment and its 3-region variant pass every check checkov
 * applies, or carry a policy waiver with that checkov id for that resource ({@code policy.waivers} of the config;
 * waivers are recorded in {@code manifest.json}). And each policy rule that names a checkov id is broken on purpose
 * in a stack of its own: checkov must report exactly that id on the broken resource, and pass it on the compliant one.
 */
class CheckovTest {
    private static final String COMPLIANT = "policy-compliant";
    private static Path policyStacks;
    private static List<Checkov.Finding> findings;

    @BeforeAll
    static void scan() {
        policyStacks = synthesizeBrokenRules(ValidationOutputs.scratch("policy-rules"));
        ValidationOutputs.reference();
        ValidationOutputs.threeRegions();
        // one checkov run over all three outputs (it costs seconds of start-up each); one directory, because
        // checkov keeps only one of the files that have the same path under two directories
        findings = Checkov.scan(ValidationOutputs.all());
    }

    @Test
    void theReferencePassesEveryCheckOrWaivesIt() {
        assertEveryFailureWaived(ValidationOutputs.reference());
    }

    @Test
    void theThreeRegionVariantPassesEveryCheckOrWaivesIt() {
        assertEveryFailureWaived(ValidationOutputs.threeRegions());
    }

    @Test
    void everyWaiverWithACheckovIdCoversARealFinding() {
        for (Path output : List.of(ValidationOutputs.reference(), ValidationOutputs.threeRegions())) {
            List<String> stale = new ArrayList<>();
            for (StackNote note : notes(output)) {
                if (!note.note().checkovId().equals("-") && failures(output).stream().noneMatch(note::covers)) {
                    stale.add(note.note().checkovId() + " on " + note.note().address() + " (" + note.stack() + ")");
                }
            }
            assertEquals(List.of(), stale, "waivers of " + output.getFileName() + " that checkov does not need:"
                    + " the check passes; remove them from policy.waivers of the config");
        }
    }

    /** checkov has checks for google resources only; every stack holding one must show up in its results. */
    @Test
    void checkovReadEveryStackWithGoogleResources() {
        for (Path output : List.of(ValidationOutputs.reference(), ValidationOutputs.threeRegions())) {
            Synthesis synthesis = new Synthesis(0, "", "", output);
            for (String stack : synthesis.stackNames()) {
                List<String> types = new ArrayList<>();
                synthesis.stack(stack).path("resource").fieldNames().forEachRemaining(types::add);
                boolean scanned = findings.stream()
                        .anyMatch(f -> f.file().startsWith(output) && f.stack().equals(stack));
                assertTrue(scanned || types.stream().noneMatch(t -> t.startsWith("google_")),
                        "checkov evaluated nothing in stack " + stack + " of " + output.getFileName() + ": " + types);
            }
        }
    }

    @Test
    void checkovReportsTheCheckovIdOfEachBrokenRule() {
        for (PolicyRule rule : rulesWithCheckovIds()) {
            String id = rule.checkovId().orElseThrow();
            String broken = stackOf(rule) + "/" + PolicyViolations.violator(rule.id());
            String compliant = COMPLIANT + "/" + PolicyViolations.violator(rule.id());
            assertTrue(reports(false, id, broken),
                    rule.id() + " claims " + id + ", but checkov does not report " + id + " on " + broken + "; it"
                            + " reports " + failedIds(broken));
            assertTrue(reports(true, id, compliant),
                    id + " must pass on the compliant " + compliant + ": " + failedIds(compliant));
            assertTrue(notes(policyStacks).stream().anyMatch(n -> n.note().ruleId().equals(rule.id())),
                    "our rule " + rule.id() + " did not fire on " + broken);
        }
    }

    private static void assertEveryFailureWaived(Path output) {
        List<StackNote> notes = notes(output);
        List<String> unwaived = failures(output).stream().filter(f -> notes.stream().noneMatch(n -> n.covers(f)))
                .map(f -> f.checkId() + " (" + f.checkName() + ") fails on " + f.address() + " in stack " + f.stack()
                        + ": fix it, or add to policy.waivers of the config {rule: " + f.checkId() + ", resource: \""
                        + f.path() + "\", reason: ...}")
                .toList();
        assertEquals(List.of(), unwaived, "checkov findings without a waiver in " + output.getFileName());
        assertFalse(findings.stream().noneMatch(f -> f.file().startsWith(output) && f.passed()),
                "checkov passed nothing in " + output.getFileName());
    }

    private static List<Checkov.Finding> failures(Path output) {
        return findings.stream().filter(f -> !f.passed() && f.file().startsWith(output)).toList();
    }

    /** A waiver note of the manifest, with the stack it is recorded in. */
    private record StackNote(String stack, WaiverNote note) {
        boolean covers(Checkov.Finding finding) {
            return finding.stack().equals(stack) && finding.checkId().equals(note.checkovId())
                    && finding.address().equals(note.address());
        }
    }

    private static List<StackNote> notes(Path output) {
        List<StackNote> notes = new ArrayList<>();
        new Synthesis(0, "", "", output).manifest().path("stacks").fields().forEachRemaining(stack ->
                stack.getValue().path("annotations").forEach(a -> WaiverNote.parse(a.path("message").asText())
                        .ifPresent(n -> notes.add(new StackNote(stack.getKey(), n)))));
        return notes;
    }

    private static boolean reports(boolean passed, String checkId, String path) {
        return findings.stream().anyMatch(f -> f.passed() == passed && f.checkId().equals(checkId)
                && f.path().equals(path));
    }

    private static String failedIds(String path) {
        return findings.stream().filter(f -> !f.passed() && f.path().equals(path)).map(Checkov.Finding::checkId)
                .sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    private static List<PolicyRule> rulesWithCheckovIds() {
        return Arrays.stream(PolicyRule.values()).filter(r -> r.checkovId().isPresent()).toList();
    }

    private static String stackOf(PolicyRule rule) {
        return "policy-" + rule.id();
    }

    /** A compliant stack, and per rule with a checkov id a stack breaking only that rule (waived: it synthesizes). */
    private static Path synthesizeBrokenRules(Path outdir) {
        App app = new App(AppConfig.builder().outdir(outdir.toString()).stackTraces(false).build());
        PolicyViolations.compliantStack(app, COMPLIANT, parts -> { });
        List<PolicyWaiver> waivers = new ArrayList<>();
        for (PolicyRule rule : rulesWithCheckovIds()) {
            PolicyViolations.compliantStack(app, stackOf(rule), PolicyViolations.breaking(rule.id()));
            waivers.add(PolicyWaiver.of(rule.id(), stackOf(rule) + "/**", "broken on purpose for checkov"));
        }
        BaselinePolicy.applyTo(app, waivers);
        app.synth();
        return outdir;
    }
}
