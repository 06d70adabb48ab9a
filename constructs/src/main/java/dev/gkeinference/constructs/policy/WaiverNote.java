package dev.gkeinference.constructs.policy;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A waived violation, recorded as an info annotation on the resource so it lands in {@code manifest.json}
 * and the review command can show it next to the change. This class owns the message format both ways.
 */
public record WaiverNote(String ruleId, String checkovId, String address, String reason) {
    static final String PREFIX = "policy waiver: ";
    private static final Pattern FORMAT =
            Pattern.compile("policy waiver: (\\S+) \\(checkov (\\S+)\\) waived for (\\S+): (.*)", Pattern.DOTALL);

    /** The annotation message for a waived violation. */
    public String message() {
        return PREFIX + ruleId + " (checkov " + checkovId + ") waived for " + address + ": " + reason;
    }

    /** The note for a waived resource; a check only checkov evaluates has rule id {@code -}. */
    static WaiverNote of(PolicyWaiver waiver, String address) {
        return new WaiverNote(waiver.rule().map(PolicyRule::id).orElse("-"), waiver.checkovId(), address,
                waiver.reason());
    }

    /** The note in an annotation message, or empty when the message is something else. */
    public static Optional<WaiverNote> parse(String message) {
        Matcher m = FORMAT.matcher(message);
        return m.matches() ? Optional.of(new WaiverNote(m.group(1), m.group(2), m.group(3), m.group(4)))
                : Optional.empty();
    }
}
