package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.common.Refusal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The archive is a tar that GNU tar reads, with sizes past ustar's 8 GiB in the base-256 form. */
class TarFormatTest {

    @Test
    void aSizePastEightGibibytesReadsBack() throws Exception {
        long size = 9L << 30;
        byte[] header = TarWriter.header("blobs/" + "a".repeat(64), size, 0);
        TarReader reader = new TarReader(new ByteArrayInputStream(header));
        TarReader.Entry entry = reader.next().orElseThrow();
        assertThat(entry.size()).isEqualTo(size);
        assertThat(entry.name()).startsWith("blobs/");
    }

    @Test
    void gnuTarListsAndExtractsWhatWeWrite() throws Exception {
        byte[] archive = MovingArchives.write(Map.of("manifest.json", "{}".getBytes(StandardCharsets.UTF_8),
                "tables/artists.jsonl", "{\"id\":\"$(id)\"}\n".getBytes(StandardCharsets.UTF_8)));
        Path dir = Files.createTempDirectory("gatefold-tar");
        Path file = Files.write(dir.resolve("a.tar"), archive);
        Process tar = new ProcessBuilder("tar", "xf", file.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        assertThat(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(tar.waitFor()).isZero();
        assertThat(Files.readString(dir.resolve("tables/artists.jsonl"))).isEqualTo("{\"id\":\"$(id)\"}\n");
    }

    @Test
    void aDamagedHeaderIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(TarWriter.header("manifest.json", 2, 0));
        byte[] damaged = out.toByteArray();
        damaged[3] ^= 0x20;
        assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(damaged)).next())
                .isInstanceOf(Refusal.class).hasMessageContaining("checksum");
    }
}
