package gatefold.server.books;

/**
 * How the footer is fitted when a buyer is filled in: the width it may take (in the
 * footer's own units, before each page scales it), the largest and smallest font size,
 * and the most characters its field holds.
 */
record FooterFit(float width, float maxSize, float minSize, int maxChars) {

    static final FooterFit NONE = new FooterFit(0, 0, 0, 0);
}
