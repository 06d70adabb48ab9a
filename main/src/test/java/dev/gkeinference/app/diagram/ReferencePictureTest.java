package dev.gkeinference.app.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.plan.DeploymentResolver;
import dev.gkeinference.stacks.plan.ResolveOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's picture is the reference deployment as it is now: {@code docs/topology.svg} and
 * {@code docs/topology.mmd} equal a fresh render. (The PNG is not compared byte for byte: font rasterization
 * differs between machines.)
 */
class ReferencePictureTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final String REGENERATE = "the reference deployment changed: regenerate the picture with"
            + " `./dev app diagram --out docs` and commit docs/topology.*";

    @Test
    void docsShowTheCurrentReferenceDeployment() throws IOException {
        Topology reference = Topology.from(DeploymentResolver.resolve(DeploymentConfigLoader.reference(),
                ResolveOptions.NONE, "test"));
        assertTrue(Files.isRegularFile(DOCS.resolve("topology.png")), "docs/topology.png is missing; " + REGENERATE);
        assertEquals(SvgWriter.write(TopologyLayout.layout(reference)),
                Files.readString(DOCS.resolve("topology.svg"), StandardCharsets.UTF_8), REGENERATE);
        assertEquals(MermaidWriter.write(reference),
                Files.readString(DOCS.resolve("topology.mmd"), StandardCharsets.UTF_8), REGENERATE);
    }
}
