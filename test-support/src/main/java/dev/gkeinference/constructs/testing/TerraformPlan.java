package dev.gkeinference.constructs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code terraform plan} on a configuration that uses only Terraform's built-in {@code terraform_data}
 * resource: no provider to install, no network.
 * It lets a test evaluate the custom conditions we synthesize in Terraform itself.
 */
public final class TerraformPlan {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TerraformPlan() {
    }

    /**
     * The Terraform CLI: {@code $TERRAFORM} (set by {@code ./dev test}, which installs one), else {@code terraform}
     * or {@code tofu} on the PATH. Missing is a test failure, not a skip.
     */
    public static Path binary() {
        String configured = System.getenv("TERRAFORM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String path = System.getenv("PATH");
        return Stream.of("terraform", "tofu")
                .flatMap(name -> Stream.of((path == null ? "" : path).split(File.pathSeparator))
                        .map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("no Terraform CLI: run the tests with ./dev test, which"
                        + " installs one (scripts/validate/install-terraform.sh), or set TERRAFORM"));
    }

    /** The outcome of one plan: Terraform's exit code and everything it printed. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Plans a {@code terraform_data} resource with the given preconditions (a JSON array of
     * {@code {condition, error_message}}) and a string variable {@code v} set to {@code value}.
     */
    public static Result withPreconditions(JsonNode preconditions, String value) {
        return plan(preconditions, "string", JSON.getNodeFactory().textNode(value));
    }

    /**
     * Plans a {@code terraform_data} resource with the given preconditions and a variable {@code v} of any type
     * set to {@code value}: an object shaped like a data source's attributes stands in for {@code self}.
     */
    public static Result withPreconditions(JsonNode preconditions, JsonNode value) {
        return plan(preconditions, "any", value);
    }

    private static Result plan(JsonNode preconditions, String type, JsonNode value) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("variable").putObject("v").put("type", type);
        config.putObject("resource").putObject("terraform_data").putObject("check")
                .putObject("lifecycle").set("precondition", preconditions);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("tf-plan");
            Files.writeString(dir.resolve("main.tf.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
            Files.writeString(dir.resolve("terraform.tfvars.json"),
                    JSON.writeValueAsString(JSON.createObjectNode().set("v", value)));
            Path cliConfig = Files.writeString(dir.resolve("cli.tfrc"), "");
            ProcessBuilder plan = new ProcessBuilder(binary().toString(), "plan", "-input=false",
                    "-no-color", "-refresh=false", "-lock=false")
                    .directory(dir.toFile()).redirectErrorStream(true);
            plan.environment().put("TF_CLI_CONFIG_FILE", cliConfig.toString());
            plan.environment().put("TF_DATA_DIR", dir.resolve(".terraform").toString());
            plan.environment().put("CHECKPOINT_DISABLE", "1");
            plan.environment().put("TF_IN_AUTOMATION", "1");
            Process process = plan.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("terraform plan did not finish in 60 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run terraform plan: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing the test for
        }
    }
}
