package dev.gkeinference.bench;

import java.nio.file.Path;

/**
 * One contender of the comparison: a baseline the gateway applies itself, our routing plugin (its jar as a process,
 * over real ext_proc) with a configuration file or its built-in defaults ({@code config == null}), or the upstream
 * picker binary with an EndpointPickerConfig file or its built-in default.
 */
public record PickerSpec(String name, Kind kind, Path config) {

    public enum Kind { RANDOM, ROUND_ROBIN, LEAST_OUTSTANDING, PLUGIN, UPSTREAM }

    public static PickerSpec baseline(String name, Kind kind) {
        return new PickerSpec(name, kind, null);
    }

    public static PickerSpec plugin(String name, Path config) {
        return new PickerSpec(name, Kind.PLUGIN, config);
    }

    public static PickerSpec upstream(String name, Path config) {
        return new PickerSpec(name, Kind.UPSTREAM, config);
    }

    /** Pickers that run as their own process behind ext_proc (their CPU and routing latency are measured). */
    public boolean external() {
        return kind == Kind.PLUGIN || kind == Kind.UPSTREAM;
    }
}
