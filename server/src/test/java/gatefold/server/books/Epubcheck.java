package gatefold.server.books;

import com.adobe.epubcheck.api.EPUBLocation;
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.api.MasterReport;
import com.adobe.epubcheck.messages.Message;
import com.adobe.epubcheck.messages.Severity;
import com.adobe.epubcheck.util.FeatureEnum;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** EPUBCheck run in-process; warnings and errors (fatal included) come back as lines to assert on. */
final class Epubcheck {

    private Epubcheck() {
    }

    /** Every WARNING, ERROR and FATAL message, each as "SEVERITY ID path:line message". */
    static List<String> problems(Path epub) {
        Collector report = new Collector();
        new EpubCheck(epub.toFile(), report).doValidate();
        return report.lines;
    }

    private static final class Collector extends MasterReport {
        final List<String> lines = new ArrayList<>();

        @Override
        public void message(Message message, EPUBLocation location, Object... args) {
            Severity severity = message.getSeverity();
            if (severity == Severity.WARNING || severity == Severity.ERROR || severity == Severity.FATAL) {
                lines.add(severity + " " + message.getID() + " " + location.path + ":" + location.line + " " + message.getMessage(args));
            }
        }

        @Override
        public void info(String resource, FeatureEnum feature, String value) {
        }

        @Override
        public int generate() {
            return 0;
        }

        @Override
        public void initialize() {
        }
    }
}
