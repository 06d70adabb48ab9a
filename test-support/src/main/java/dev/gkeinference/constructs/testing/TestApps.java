package dev.gkeinference.constructs.testing;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.TestingAppConfig;
import java.nio.file.Path;

/**
 * cdktf apps for tests. {@code Testing.app()} and {@code Testing.fullSynth()} make a new directory in the system's
 * temporary folder on every call and never remove it; these write into {@link Scratch} directories instead.
 */
public final class TestApps {
    private TestApps() {
    }

    /** A testing app (stubbed version, no stack traces) with its own scratch output directory. */
    public static App app() {
        return Testing.app(TestingAppConfig.builder()
                .outdir(Scratch.newDirectory("cdktf.out-").toString())
                .build());
    }

    /**
     * Synthesizes every stack of the app as {@code cdktf synth} does: aspects and validations run, and error
     * annotations (policy violations, construct validations) abort with an exception.
     */
    public static SynthesizedOutput synth(App app) {
        app.synth();
        return new SynthesizedOutput(Path.of(app.getOutdir()));
    }
}
