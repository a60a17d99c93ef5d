package gatefold.server.books;

import java.io.IOException;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetGraphicsStateParameters;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.contentstream.operator.text.BeginText;
import org.apache.pdfbox.contentstream.operator.text.EndText;
import org.apache.pdfbox.contentstream.operator.text.MoveText;
import org.apache.pdfbox.contentstream.operator.text.MoveTextSetLeading;
import org.apache.pdfbox.contentstream.operator.text.NextLine;
import org.apache.pdfbox.contentstream.operator.text.SetCharSpacing;
import org.apache.pdfbox.contentstream.operator.text.SetFontAndSize;
import org.apache.pdfbox.contentstream.operator.text.SetTextHorizontalScaling;
import org.apache.pdfbox.contentstream.operator.text.SetTextLeading;
import org.apache.pdfbox.contentstream.operator.text.SetTextRenderingMode;
import org.apache.pdfbox.contentstream.operator.text.SetTextRise;
import org.apache.pdfbox.contentstream.operator.text.SetWordSpacing;
import org.apache.pdfbox.contentstream.operator.text.ShowText;
import org.apache.pdfbox.contentstream.operator.text.ShowTextAdjusted;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLine;
import org.apache.pdfbox.contentstream.operator.text.ShowTextLineAndSpace;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * How high and how low a page's text reaches, as the reader shows the page, so the footer
 * can sit in a margin that is free. Only text operators run: images are not decoded.
 */
final class TextExtent extends PDFStreamEngine {

    /** Glyph box in em: descender and ascender, generous. */
    private static final double DESCENT = -0.25;
    private static final double ASCENT = 0.9;

    private PageFrame frame;
    private double low;
    private double high;

    TextExtent() {
        addOperator(new BeginText(this));
        addOperator(new Concatenate(this));
        addOperator(new DrawObject(this));
        addOperator(new EndText(this));
        addOperator(new SetGraphicsStateParameters(this));
        addOperator(new Save(this));
        addOperator(new Restore(this));
        addOperator(new NextLine(this));
        addOperator(new SetCharSpacing(this));
        addOperator(new MoveText(this));
        addOperator(new MoveTextSetLeading(this));
        addOperator(new SetFontAndSize(this));
        addOperator(new ShowText(this));
        addOperator(new ShowTextAdjusted(this));
        addOperator(new SetTextLeading(this));
        addOperator(new SetMatrix(this));
        addOperator(new SetTextRenderingMode(this));
        addOperator(new SetTextRise(this));
        addOperator(new SetWordSpacing(this));
        addOperator(new SetTextHorizontalScaling(this));
        addOperator(new ShowTextLine(this));
        addOperator(new ShowTextLineAndSpace(this));
    }

    /** {lowest, highest} display y of visible text on the page; null when it has none, or its content cannot be read. */
    double[] measure(PDPage page, PageFrame pageFrame) {
        frame = pageFrame;
        low = Double.MAX_VALUE;
        high = -Double.MAX_VALUE;
        try {
            processPage(page);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return low <= high ? new double[] {low, high} : null;
    }

    @Override
    protected void showGlyph(Matrix trm, PDFont font, int code, Vector displacement) {
        double width = Math.max(0.1, displacement.getX());
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] corner : new double[][] {{0, DESCENT}, {width, DESCENT}, {0, ASCENT}, {width, ASCENT}}) {
            double x = trm.getScaleX() * corner[0] + trm.getShearX() * corner[1] + trm.getTranslateX();
            double y = trm.getShearY() * corner[0] + trm.getScaleY() * corner[1] + trm.getTranslateY();
            double[] d = frame.toDisplay(x, y);
            minX = Math.min(minX, d[0]);
            maxX = Math.max(maxX, d[0]);
            minY = Math.min(minY, d[1]);
            maxY = Math.max(maxY, d[1]);
        }
        boolean visible = maxX > 0 && minX < frame.displayWidth() && maxY > 0 && minY < frame.displayHeight();
        if (visible) {
            low = Math.min(low, Math.max(0, minY));
            high = Math.max(high, Math.min(frame.displayHeight(), maxY));
        }
    }
}
