package gatefold.server.books;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Where each page's footer goes: centred along the edge the reader shows at the bottom,
 * upright whatever the page's /Rotate, inside the CropBox, in the bottom margin if the
 * page's text leaves room there, else the top margin, else as low as it can sit. The
 * footer's width is fitted to the typical page; narrower pages scale it down.
 */
final class FooterPlacement {

    static final float MAX_SIZE = 7f;
    static final float MIN_SIZE = 4f;
    static final int MAX_CHARS = 160;
    private static final double GAP = 3;

    record Result(FooterFit fit, List<String> matrices) {
    }

    private FooterPlacement() {
    }

    static Result place(List<PageWalk.Page> pages) {
        double[] usable = pages.stream().mapToDouble(p -> usableWidth(p.frame())).sorted().toArray();
        double fitWidth = Math.max(72, usable[usable.length / 2]);
        TextExtent extent = new TextExtent();
        List<String> matrices = new ArrayList<>(pages.size());
        for (PageWalk.Page page : pages) {
            PageFrame frame = page.frame();
            double scale = Math.min(1, usableWidth(frame) / fitWidth);
            double[] text = extent.measure(new PDPage(page.dict()), frame);
            double baseline = baseline(frame.displayHeight(), scale, text);
            double[] place = {scale, 0, 0, scale, frame.displayWidth() / 2, baseline};
            matrices.add(format(PageFrame.concat(place, frame.displayToPage())));
        }
        return new Result(new FooterFit((float) fitWidth, MAX_SIZE, MIN_SIZE, MAX_CHARS), matrices);
    }

    /** The width the footer may take on a page: all but a margin of 6% (at least 12 points) each side. */
    static double usableWidth(PageFrame frame) {
        double width = frame.displayWidth();
        return Math.max(24, width - 2 * Math.max(12, 0.06 * width));
    }

    /** The first of: bottom margin, top margin, tight bottom, tight top, that clears the text; else the bottom margin anyway. */
    static double baseline(double height, double scale, double[] text) {
        double edge = Math.min(16, Math.max(6, 0.02 * height));
        double ascent = 0.9 * MAX_SIZE * scale;
        double descent = 0.25 * MAX_SIZE * scale;
        double[] candidates = {edge + descent, height - edge - ascent, 2 + descent, height - 2 - ascent};
        if (text == null) {
            return candidates[0];
        }
        for (double y : candidates) {
            boolean clears = y + ascent + GAP <= text[0] || y - descent - GAP >= text[1];
            if (clears && y - descent >= 0 && y + ascent <= height) {
                return y;
            }
        }
        return candidates[0];
    }

    static String format(double[] m) {
        StringBuilder out = new StringBuilder();
        for (double v : m) {
            String s = String.format(Locale.ROOT, "%.4f", Math.abs(v) < 5e-5 ? 0 : v).replaceAll("0+$", "").replaceAll("\\.$", "");
            out.append(out.length() == 0 ? "" : " ").append(s);
        }
        return out.toString();
    }
}
