package gatefold.server.books;

import java.io.IOException;
import java.io.InputStream;

/** Opens {@code length} bytes of the base blob from {@code offset} (a store's ranged GET, a file slice). */
@FunctionalInterface
public interface BaseOpener {

    InputStream open(long offset, long length) throws IOException;
}
