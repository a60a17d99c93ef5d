package gatefold.server.books;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A book file ready to be stamped: the template to store, the file to serve as the base
 * when the master itself cannot be (a repaired or unlocked PDF, every EPUB), and notes for
 * the artist about what preparation changed.
 */
public record PreparedBook(StampTemplate template, Optional<Path> derivedBase, List<String> notes) {

    public PreparedBook {
        notes = List.copyOf(notes);
    }
}
