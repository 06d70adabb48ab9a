package dev.gkeinference.constructs.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The point of the typed model: a Kubernetes field that does not exist is a compile error, not a manifest. */
class TypedModelTest {
    private static final String SOURCE = """
            import io.k8s.networking.inference.v1.InferencePoolSpec;
            import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
            class Uses {
                void build() {
                    new DeploymentSpecBuilder().%s(1).build();
                    new InferencePoolSpec().%s(java.util.List.of());
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void correctlySpelledFieldsCompile() throws IOException {
        Compilation compilation = compile("withReplicas", "setTargetPorts");
        assertEquals(0, compilation.exitCode(), compilation.output());
    }

    @Test
    void misspelledFieldsDoNotCompile() throws IOException {
        Compilation compilation = compile("withReplica", "setTargetPort");
        assertEquals(1, compilation.exitCode(), compilation.output());
        assertTrue(compilation.output().contains("withReplica(int)"), compilation.output());
        assertTrue(compilation.output().contains("setTargetPort("), compilation.output());
    }

    private record Compilation(int exitCode, String output) {
    }

    private Compilation compile(String coreSetter, String customSetter) throws IOException {
        Path source = Files.writeString(dir.resolve("Uses.java"), SOURCE.formatted(coreSetter, customSetter));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // the test classpath holds the fabric8 model and the classes generated from the bundled CRDs
        int code = javac.run(null, null, new PrintStream(err, true, StandardCharsets.UTF_8),
                "-proc:none", "-d", dir.toString(), "-cp", System.getProperty("java.class.path"), source.toString());
        return new Compilation(code, err.toString(StandardCharsets.UTF_8));
    }
}
