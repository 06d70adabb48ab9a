package dev.gkeinference.app.review;

/** An annotation cdktf wrote to {@code manifest.json}: level ({@code @cdktf/info|warn|error}), path, message. */
public record StackAnnotation(String level, String constructPath, String message) {
}
