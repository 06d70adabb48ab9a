package dev.gkeinference.app.diagram;

import dev.gkeinference.app.diagram.Drawing.Box;
import dev.gkeinference.app.diagram.Drawing.Connector;
import dev.gkeinference.app.diagram.Drawing.Label;
import dev.gkeinference.app.diagram.Drawing.Shape;

/** Writes a {@link Drawing} as standalone SVG text, one element per line, in drawing order. */
public final class SvgWriter {
    static final String FONT = "DejaVu Sans, Arial, Helvetica, sans-serif";

    private SvgWriter() {
    }

    public static String write(Drawing drawing) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(drawing.width())
                .append("\" height=\"").append(drawing.height()).append("\" viewBox=\"0 0 ").append(drawing.width())
                .append(' ').append(drawing.height()).append("\" font-family=\"").append(FONT).append("\">\n");
        // one arrow head per line colour: context-stroke (SVG 2) is not rendered everywhere
        svg.append("  <defs>\n");
        drawing.shapes().stream().filter(Connector.class::isInstance).map(s -> ((Connector) s).color())
                .distinct().sorted().forEach(color -> svg.append("    <marker id=\"").append(markerId(color))
                        .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                                + " orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"").append(color)
                        .append("\"/></marker>\n"));
        svg.append("  </defs>\n");
        svg.append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        for (Shape shape : drawing.shapes()) {
            svg.append("  ").append(element(shape)).append('\n');
        }
        return svg.append("</svg>\n").toString();
    }

    private static String element(Shape shape) {
        if (shape instanceof Box b) {
            return "<rect x=\"" + b.x() + "\" y=\"" + b.y() + "\" width=\"" + b.width() + "\" height=\""
                    + b.height() + "\" rx=\"8\" fill=\"" + b.fill() + "\" stroke=\"" + b.stroke()
                    + "\" stroke-width=\"1.5\"" + (b.dashed() ? " stroke-dasharray=\"6 4\"" : "") + "/>";
        }
        if (shape instanceof Label l) {
            return "<text x=\"" + l.x() + "\" y=\"" + l.y() + "\" font-size=\"" + l.size() + "\""
                    + (l.bold() ? " font-weight=\"bold\"" : "") + (l.centered() ? " text-anchor=\"middle\"" : "")
                    + " fill=\"" + l.color() + "\">" + escape(l.text()) + "</text>";
        }
        Connector c = (Connector) shape;
        return "<line x1=\"" + c.x1() + "\" y1=\"" + c.y1() + "\" x2=\"" + c.x2() + "\" y2=\""
                    + c.y2() + "\" stroke=\"" + c.color() + "\" stroke-width=\"2\""
                    + (c.dashed() ? " stroke-dasharray=\"6 4\"" : "") + " marker-end=\"url(#" + markerId(c.color()) + ")\"/>";
    }

    private static String markerId(String color) {
        return "arrow-" + color.substring(1);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
