package gatefold.server.books;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.OsTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** qpdf and pdftotext, run for real. */
final class PdfTools {

    private PdfTools() {
    }

    record Run(int exit, String output) {
    }

    static Run run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** qpdf --check with no errors and no warnings (exit 0). */
    static void assertQpdfClean(Path pdf) throws IOException, InterruptedException {
        Run check = run(OsTool.QPDF.require().toString(), "--check", pdf.toString());
        assertThat(check.output()).as("qpdf --check %s", pdf).contains("No syntax or stream encoding errors found");
        assertThat(check.exit()).as("qpdf --check exit code; output:%n%s", check.output()).isZero();
    }

    /** The text of each page, in order, with runs of whitespace made single spaces. */
    static List<String> pagesText(Path pdf) throws IOException, InterruptedException {
        Run text = run(OsTool.PDFTOTEXT.require().toString(), "-enc", "UTF-8", pdf.toString(), "-");
        assertThat(text.exit()).as(text.output()).isZero();
        List<String> pages = new ArrayList<>(Arrays.asList(text.output().split("\f", -1)));
        if (!pages.isEmpty() && pages.get(pages.size() - 1).isBlank()) {
            pages.remove(pages.size() - 1);
        }
        return pages.stream().map(p -> p.replaceAll("\\s+", " ").strip()).toList();
    }

    /** pdftotext -bbox: each page's size and its words' boxes, as the reader shows the page. */
    static String bbox(Path pdf) throws IOException, InterruptedException {
        Run run = run(OsTool.PDFTOTEXT.require().toString(), "-bbox", "-enc", "UTF-8", pdf.toString(), "-");
        assertThat(run.exit()).as(run.output()).isZero();
        return run.output();
    }
}
