package dev.gkeinference.app.diagram;

import java.util.List;

/**
 * A laid-out picture as plain shapes, so SVG and PNG are painted from the same coordinates.
 * Colours are {@code #rrggbb}.
 */
public record Drawing(int width, int height, List<Shape> shapes) {

    public Drawing {
        shapes = List.copyOf(shapes);
    }

    public sealed interface Shape permits Box, Label, Connector {
    }

    /** A rounded rectangle. */
    public record Box(int x, int y, int width, int height, String fill, String stroke, boolean dashed)
            implements Shape {
    }

    /** One line of text; {@code centered} anchors it at its middle, otherwise at its start. */
    public record Label(int x, int y, String text, int size, boolean bold, boolean centered, String color)
            implements Shape {
    }

    /** A line ending in an arrow head at (x2, y2). */
    public record Connector(int x1, int y1, int x2, int y2, String color, boolean dashed) implements Shape {
    }
}
