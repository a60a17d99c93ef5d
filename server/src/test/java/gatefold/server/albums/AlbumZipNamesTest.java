package gatefold.server.albums;

import static gatefold.server.albums.TestItems.RELEASED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.OsTool;
import gatefold.server.common.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlbumZipNamesTest {

    @TempDir
    Path dir;

    @Test
    void emojiAndAccentedNamesUnpackAsWrittenInNfc() throws Exception {
        String decomposed = Normalizer.normalize("01 Ça plane pour moi – Plastic Bertrand.flac", Normalizer.Form.NFD);
        List<ZipItem> items = List.of(
                ZipItem.ofBytes(decomposed, new byte[] {1, 2, 3}, RELEASED),
                ZipItem.ofBytes("02 🎸🔥 Fire 👩‍👩‍👧.flac", new byte[] {4, 5}, RELEASED),
                ZipItem.ofBytes("extras/Ünïcödé 日本語 booklet.pdf", new byte[] {6}, RELEASED));
        AlbumZip zip = AlbumZip.of(items);
        Path file = dir.resolve("names.zip");
        try (var out = Files.newOutputStream(file)) {
            zip.write(out);
        }

        List<String> expected = List.of(
                Normalizer.normalize(decomposed, Normalizer.Form.NFC),
                "02 🎸🔥 Fire 👩‍👩‍👧.flac",
                "extras/Ünïcödé 日本語 booklet.pdf");
        JsonNode entries = ZipReaders.python(file, true);
        assertThat(entries.findValuesAsText("name")).containsExactlyElementsOf(expected);
        ZipReaders.zipFileAgrees(file, items.stream().map(i -> i.withName(Normalizer.normalize(i.name(), Normalizer.Form.NFC))).toList());

        Path unpacked = Files.createDirectory(dir.resolve("unpacked"));
        ZipReaders.run(List.of(OsTool.UNZIP.require().toString(), "-q", file.toString(), "-d", unpacked.toString()));
        try (Stream<Path> files = Files.walk(unpacked)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> unpacked.relativize(p).toString()))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(Files.readAllBytes(unpacked.resolve(expected.get(0)))).containsExactly(1, 2, 3);
    }

    @Test
    void namesThatEscapeTheFolderOrBreakOnSomeSystemAreRefused() {
        List<String> refused = List.of("../evil.flac", "a/../b.flac", "./a.flac", "/etc/passwd", "C:\\x.flac", "folder\\x.flac",
                "CON.flac", "aux", "Lpt1.txt", "track.", " track.flac", "a//b.flac", "folder/", "", "what?.flac",
                "tab\there.flac", "a\u202Egalf.exe");
        for (String name : refused) {
            assertThatThrownBy(() -> AlbumZip.of(List.of(ZipItem.ofBytes(name, new byte[0], RELEASED))))
                    .as(name).isInstanceOf(Refusal.class);
        }
    }

    @Test
    void twoNamesForOneFileOnWindowsOrMacAreRefused() {
        byte[] none = new byte[0];
        assertThatThrownBy(() -> AlbumZip.of(List.of(ZipItem.ofBytes("01 Song.flac", none, RELEASED),
                ZipItem.ofBytes("01 song.FLAC", none, RELEASED)))).isInstanceOf(Refusal.class).hasMessageContaining("same file");
        String nfc = "Café.flac";
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertThatThrownBy(() -> AlbumZip.of(List.of(ZipItem.ofBytes(nfc, none, RELEASED), ZipItem.ofBytes(nfd, none, RELEASED))))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> AlbumZip.of(List.of(ZipItem.ofBytes("a.flac", none, RELEASED), ZipItem.ofBytes("a.flac", none, RELEASED))))
                .isInstanceOf(Refusal.class);
    }

    @Test
    void namesInFoldersAndWithDotsInsideAreFine() {
        byte[] none = new byte[0];
        AlbumZip zip = AlbumZip.of(List.of(ZipItem.ofBytes("extras/v1.2 notes.txt", none, RELEASED),
                ZipItem.ofBytes("extras/scans/page 1.png", none, RELEASED), ZipItem.ofBytes("CONCERT.flac", none, RELEASED),
                ZipItem.ofBytes("con_.flac", none, RELEASED)));
        assertThat(zip.length()).isPositive();
    }
}
