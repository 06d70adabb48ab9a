package dev.gkeinference.app.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command: files written, standard output, and clear errors. */
class DiagramCommandTest {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writesAllFormatsOfTheReferenceDeployment() throws Exception {
        assertEquals(DiagramCommand.OK, run("--out", tmp.toString(), "--project", "acme-prod"));

        assertTrue(Files.readString(tmp.resolve("topology.svg")).contains("global · project acme-prod"));
        assertTrue(Files.readString(tmp.resolve("topology.mmd")).startsWith("flowchart TB\n"));
        assertTrue(Files.size(tmp.resolve("topology.png")) > 10_000);
        assertTrue(err().contains("2 regions, 8 TPU chips; wrote [mermaid, png, svg]"), err());
    }

    @Test
    void printsMermaidForAPullRequestComment() {
        assertEquals(DiagramCommand.OK, run("--format", "mermaid"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("europe_west4_tpu[[\"TPU v6e ct6e-standard-4t 2x2"));
    }

    @Test
    void readsAConfigFile() throws Exception {
        Path file = tmp.resolve("deployment.yaml");
        try (var in = dev.gkeinference.stacks.config.DeploymentConfigLoader.class
                .getResourceAsStream("reference-deployment.yaml")) {
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("name: inference\n", "name: gemma\n"));
        }
        assertEquals(DiagramCommand.OK, run("--config", file.toString(), "--format", "svg"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(">cluster gemma-us-east5</text>"));
    }

    @Test
    void failsClearlyOnBadInput() throws Exception {
        assertEquals(DiagramCommand.BAD_INPUT, run("--format", "png"));
        assertTrue(err().contains("writing png needs --out DIR"), err());
        assertEquals(DiagramCommand.BAD_INPUT, run("--format", "jpeg", "--out", tmp.toString()));
        assertTrue(err().contains("--format: 'jpeg' is not a format: allowed are all, svg, png, mermaid"), err());
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "project: acme-prod\nregoins: []\n");
        assertEquals(DiagramCommand.BAD_INPUT, run("--config", bad.toString(), "--format", "mermaid"));
        assertTrue(err().contains("invalid deployment config (" + bad + ")"), err());
        assertTrue(err().contains("regoins: unknown key (line 2)"), err());
    }

    private int run(String... args) {
        return DiagramCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
