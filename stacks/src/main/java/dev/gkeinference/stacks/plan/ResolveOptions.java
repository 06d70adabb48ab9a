package dev.gkeinference.stacks.plan;

import java.util.Optional;

/**
 * What the command line adds to a config before it is resolved, so that an override can also supply a value the
 * file leaves out (a config without {@code project} and {@code --project}).
 *
 * @param project           overrides {@code project}
 * @param pickerJar         overrides {@code serving.endpointPicker.jar}
 * @param pickerJarMustExist whether a bundled picker's jar must exist (synthesis reads it; a diagram does not)
 */
public record ResolveOptions(Optional<String> project, Optional<String> pickerJar, boolean pickerJarMustExist) {

    /** The config as written; the jar is not looked at. */
    public static final ResolveOptions NONE = new ResolveOptions(Optional.empty(), Optional.empty(), false);

    public ResolveOptions withProject(String id) {
        return new ResolveOptions(Optional.of(id), pickerJar, pickerJarMustExist);
    }

    public ResolveOptions withPickerJar(String jar) {
        return new ResolveOptions(project, Optional.of(jar), pickerJarMustExist);
    }

    /** For synthesis: the bundled picker's jar must exist. */
    public ResolveOptions requiringPickerJar() {
        return new ResolveOptions(project, pickerJar, true);
    }
}
