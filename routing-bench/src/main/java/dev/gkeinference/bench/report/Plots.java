package dev.gkeinference.bench.report;

import dev.gkeinference.bench.load.StageResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** PNG bar charts of one metric per workload (at its highest rate), one bar per picker. */
final class Plots {
    /** Fixed colours per picker so every chart reads the same way; others cycle through the spare ones. */
    private static final Map<String, Color> COLORS = Map.of("random", new Color(0x9e9e9e), "round-robin",
            new Color(0x1f77b4), "least-outstanding", new Color(0xff7f0e), "upstream-default", new Color(0x2ca02c),
            "upstream-prefix", new Color(0x98df8a), "ours", new Color(0xd62728));
    private static final Color[] SPARE = {new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf)};

    private Plots() {
    }

    static void bars(Path png, String title, String yLabel, boolean logY, List<String> workloads,
                     List<StageResult> stages, ToDoubleFunction<StageResult> metric) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String w : workloads) {
            for (StageResult s : Reports.highestRate(stages, w)) {
                double y = metric.applyAsDouble(s);
                if (Double.isFinite(y) && (!logY || y > 0)) {
                    data.addValue(y, s.picker(), w);
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "workload", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        CategoryAxis x = plot.getDomainAxis();
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        if (logY) {
            LogAxis axis = new LogAxis(yLabel + " (log scale)");
            axis.setSmallestValue(1);
            axis.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
            plot.setRangeAxis(axis);
        }
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        for (int i = 0; i < data.getRowCount(); i++) {
            String picker = (String) data.getRowKey(i);
            renderer.setSeriesPaint(i, COLORS.getOrDefault(picker, SPARE[i % SPARE.length]));
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 560);
    }
}
