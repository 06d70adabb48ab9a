package dev.gkeinference.bench;

import java.nio.file.Path;

/**
 * One contender of the comparison: a baseline the gateway applies itself, or the routing plugin (in-process, over
 * real ext_proc) with a configuration file or its built-in defaults ({@code config == null}).
 */
public record PickerSpec(String name, Kind kind, Path config) {

    public enum Kind { RANDOM, ROUND_ROBIN, LEAST_OUTSTANDING, PLUGIN }

    public static PickerSpec baseline(String name, Kind kind) {
        return new PickerSpec(name, kind, null);
    }

    public static PickerSpec plugin(String name, Path config) {
        return new PickerSpec(name, Kind.PLUGIN, config);
    }
}
