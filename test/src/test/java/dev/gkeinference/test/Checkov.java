package dev.gkeinference.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real checkov, run as a process on synthesized cdktf outputs with its {@code terraform_json} framework (the
 * one that reads {@code cdk.tf.json}; its {@code terraform} framework finds nothing there). Installed by
 * {@code scripts/validate/install-checkov.sh}; {@code ./dev test} passes the executable's path as {@code CHECKOV}.
 * {@code --skip-download} keeps it off the network (no guideline or policy downloads).
 */
final class Checkov {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MINUTES = 10;

    /** One check on one resource: {@code stack} is the file's stack directory, {@code path} its construct path. */
    record Finding(String checkId, String checkName, boolean passed, Path file, String address, String path) {
        String stack() {
            return file.getParent().getFileName().toString();
        }
    }

    private Checkov() {
    }

    /** Every passed and failed check on every {@code cdk.tf.json} under the directory. */
    static List<Finding> scan(Path dir) {
        JsonNode report = run(List.of(executable(), "--directory", dir.toString(), "--framework", "terraform_json",
                "--output", "json", "--skip-download", "--compact"));
        JsonNode summary = report.path("summary");
        if (!report.has("results") || summary.path("parsing_errors").asInt() != 0) {
            throw new AssertionError("checkov read no cdktf stack (or failed to parse one): " + summary);
        }
        List<Finding> findings = new ArrayList<>();
        Map<Path, Map<String, JsonNode>> resources = new HashMap<>();
        for (String kind : List.of("passed_checks", "failed_checks")) {
            for (JsonNode check : report.path("results").path(kind)) {
                Path file = Path.of(check.path("file_abs_path").asText());
                findings.add(finding(check, kind.equals("passed_checks"), file,
                        resources.computeIfAbsent(file, Checkov::resourcesByName)));
            }
        }
        return findings;
    }

    /**
     * checkov names a cdktf resource {@code resource.<name>} in its resource checks and {@code <type>.<name>} in
     * its graph checks (CKV2_*); the file gives type and construct path.
     */
    private static Finding finding(JsonNode check, boolean passed, Path file, Map<String, JsonNode> resources) {
        String reported = check.path("resource").asText();
        String name = reported.substring(reported.indexOf('.') + 1);
        JsonNode resource = resources.get(name);
        if (resource == null || !(reported.startsWith("resource.")
                || reported.startsWith(resource.path("type").asText() + "."))) {
            throw new AssertionError("checkov reported " + check.path("resource").asText() + " which " + file
                    + " does not define (or defines under more than one type)");
        }
        return new Finding(check.path("check_id").asText(), check.path("check_name").asText(), passed, file,
                resource.path("type").asText() + "." + name, resource.path("path").asText());
    }

    /** {@code name -> {type, path}} of every resource in a stack file; names are unique within a cdktf stack. */
    private static Map<String, JsonNode> resourcesByName(Path file) {
        Map<String, JsonNode> byName = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        read(file).path("resource").fields().forEachRemaining(type ->
                type.getValue().fields().forEachRemaining(r -> {
                    JsonNode entry = JSON.createObjectNode().put("type", type.getKey())
                            .put("path", r.getValue().path("//").path("metadata").path("path").asText());
                    if (byName.put(r.getKey(), entry) != null) {
                        duplicates.add(r.getKey());
                    }
                }));
        duplicates.forEach(byName::remove);
        return byName;
    }

    private static JsonNode run(List<String> command) {
        try {
            Path stdout = Files.createTempFile("checkov", ".json");
            Path stderr = Files.createTempFile("checkov", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile()).start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("checkov did not finish within " + TIMEOUT_MINUTES + " minutes");
                }
                // 0: every check passed, 1: some failed; anything else is checkov failing to run
                if (process.exitValue() > 1) {
                    throw new AssertionError("checkov exited with " + process.exitValue() + ": "
                            + Files.readString(stderr, StandardCharsets.UTF_8));
                }
                return JSON.readTree(stdout.toFile());
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String executable() {
        String path = System.getenv("CHECKOV");
        if (path == null || path.isBlank() || !Files.isExecutable(Path.of(path))) {
            throw new AssertionError("checkov is not installed for the tests (CHECKOV is '" + path + "'): run them"
                    + " with ./dev test, or export CHECKOV=\"$(scripts/validate/install-checkov.sh)\" first");
        }
        return path;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
