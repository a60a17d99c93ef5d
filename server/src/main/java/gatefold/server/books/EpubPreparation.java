package gatefold.server.books;

import java.io.IOException;
import java.nio.file.Path;

final class EpubPreparation {
    private EpubPreparation() {
    }

    static PreparedBook prepare(Path master, Path workDir) throws IOException {
        throw new UnsupportedOperationException();
    }
}
