package gatefold.server.books;

/**
 * A page's visible area in its own coordinates (the CropBox) and how a reader turns it
 * (/Rotate, clockwise). "Display" coordinates are the page as the reader shows it: origin
 * at the bottom left, y up, width and height after turning.
 */
record PageFrame(double llx, double lly, double urx, double ury, int rotate) {

    double displayWidth() {
        return rotate % 180 == 0 ? urx - llx : ury - lly;
    }

    double displayHeight() {
        return rotate % 180 == 0 ? ury - lly : urx - llx;
    }

    /** The matrix [a b c d e f] taking display coordinates to the page's own. */
    double[] displayToPage() {
        return switch (rotate) {
            case 90 -> new double[] {0, 1, -1, 0, urx, lly};
            case 180 -> new double[] {-1, 0, 0, -1, urx, ury};
            case 270 -> new double[] {0, -1, 1, 0, llx, ury};
            default -> new double[] {1, 0, 0, 1, llx, lly};
        };
    }

    /** A point in the page's own coordinates, in display coordinates. */
    double[] toDisplay(double x, double y) {
        return switch (rotate) {
            case 90 -> new double[] {y - lly, urx - x};
            case 180 -> new double[] {urx - x, ury - y};
            case 270 -> new double[] {ury - y, x - llx};
            default -> new double[] {x - llx, y - lly};
        };
    }

    /** Matrix product: first {@code m}, then {@code n} (PDF's row-vector order). */
    static double[] concat(double[] m, double[] n) {
        return new double[] {
            m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]};
    }
}
