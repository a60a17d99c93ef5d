package gatefold.server.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNamesTest {

    @Test
    void namesAreInNfc() {
        String decomposed = Normalizer.normalize("Café Ünïcode", Normalizer.Form.NFD);
        assertThat(FileNames.safe(decomposed)).isEqualTo("Café Ünïcode").isNotEqualTo(decomposed);
    }

    @Test
    void controlCharactersAndDisguisingMarksAreRemoved() {
        assertThat(FileNames.safe("a\u0000b\u001Fc\u007Fd\u0085e\tf\ng")).isEqualTo("abcdefg");
        assertThat(FileNames.safe("Invoice\u202Efdp.exe")).isEqualTo("Invoicefdp.exe");
        assertThat(FileNames.safe("lone \uD800 surrogate")).isEqualTo("lone  surrogate");
        assertThat(FileNames.safe("family 👩‍👩‍👧 emoji")).as("joiners inside emoji stay").isEqualTo("family 👩‍👩‍👧 emoji");
    }

    @Test
    void charactersWindowsForbidsBecomeUnderscores() {
        assertThat(FileNames.safe("a<b>c:d\"e/f\\g|h?i*j")).isEqualTo("a_b_c_d_e_f_g_h_i_j");
        assertThat(FileNames.safe("AC/DC: Live?")).isEqualTo("AC_DC_ Live_");
    }

    @Test
    void leadingAndTrailingSpacesAndDotsAreRemoved() {
        assertThat(FileNames.safe("  ..name..  ")).isEqualTo("name");
        assertThat(FileNames.safe(".hidden")).isEqualTo("hidden");
        assertThat(FileNames.safe("Vol. 2.")).isEqualTo("Vol. 2");
        assertThat(FileNames.safe("\u00A0no-break\u3000")).isEqualTo("no-break");
    }

    @Test
    void windowsDeviceNamesAreAlteredWithOrWithoutExtension() {
        assertThat(FileNames.safe("CON")).isEqualTo("CON_");
        assertThat(FileNames.safe("con.txt")).isEqualTo("con_.txt");
        assertThat(FileNames.safe("Lpt9.tar.gz")).isEqualTo("Lpt9_.tar.gz");
        assertThat(FileNames.safe("COM\u00B9.flac")).isEqualTo("COM\u00B9_.flac");
        assertThat(FileNames.safe("nul .txt")).isEqualTo("nul_.txt");
        for (String name : new String[] {"PRN", "AUX", "NUL", "COM1", "COM9", "LPT1", "aux.flac"}) {
            assertThat(FileNames.safe(name)).as(name).endsWith(name.contains(".") ? "_.flac" : "_");
        }
        for (String fine : new String[] {"CONCERT", "COM0", "LPT10", "con_", "Console.txt", "01 CON.flac"}) {
            assertThat(FileNames.safe(fine)).as(fine).isEqualTo(fine);
        }
    }

    @Test
    void longNamesAreCutToTwoHundredFiftyFiveBytesOnACodePointKeepingTheExtension() {
        String ascii = FileNames.safe("a".repeat(300) + ".flac");
        assertThat(bytes(ascii)).isEqualTo(255);
        assertThat(ascii).endsWith("a.flac");

        String emoji = FileNames.safe("🎸".repeat(100) + ".flac");
        assertThat(bytes(emoji)).isLessThanOrEqualTo(255).isGreaterThan(250);
        assertThat(emoji).endsWith("🎸.flac");
        assertThat(emoji.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF).count()).as("no lone surrogate").isZero();

        String cjk = FileNames.safe("日本語".repeat(40));
        assertThat(bytes(cjk)).isEqualTo(255);
        assertThat(cjk).isEqualTo("日本語".repeat(28) + "日");

        String cutAtSpace = FileNames.safe("x".repeat(250) + "     y.mp3");
        assertThat(cutAtSpace).as("no space left before the extension's dot... trimmed").isEqualTo("x".repeat(250) + ".mp3");
    }

    @Test
    void aNameIsNeverEmpty() {
        for (String nothing : new String[] {"", null, "...", "   ", "\u0000\u0001", ". . ."}) {
            assertThat(FileNames.safe(nothing)).as(String.valueOf(nothing)).isEqualTo(FileNames.FALLBACK);
        }
        assertThat(FileNames.safe("???")).isEqualTo("___");
        assertThat(FileNames.safe(".flac")).isEqualTo("flac");
    }

    @Test
    void safeNamesStaySafeAndEveryResultCanBeCreatedOnThisDisk(@TempDir Path dir) throws Exception {
        String alphabet = "aZ9 ._-:/\\<>|?*\"\u0000\u001F\u007F\u0085\u202E\u00A0é\u0301🎸日conCONluxLPT1";
        Random random = new Random(255);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(round % 10 == 0 ? 400 : 20);
            while (name.length() < length) {
                name.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String safe = FileNames.safe(name.toString());
            assertThat(FileNames.safe(safe)).as("fixed point for %s", name).isEqualTo(safe);
            assertThat(safe).isNotEmpty().doesNotContainPattern("[<>:\"/\\\\|?*\\x00-\\x1F\\x7F-\\x9F\u202E]")
                    .doesNotStartWith(" ").doesNotStartWith(".").doesNotEndWith(" ").doesNotEndWith(".");
            assertThat(Normalizer.isNormalized(safe, Normalizer.Form.NFC)).isTrue();
            assertThat(bytes(safe)).isLessThanOrEqualTo(255);
            assertThat(safe.split("\\.")[0].strip().toLowerCase()).doesNotMatch("con|prn|aux|nul|com[1-9]|lpt[1-9]");
            if (round < 300) {
                Files.deleteIfExists(Files.createFile(dir.resolve(safe)));
            }
        }
    }

    @Test
    void albumZipNamesKeepTheFormatAndExtensionWhateverTheTitle() {
        assertThat(FileNames.albumZip("The Band", "Album: Live", "FLAC")).isEqualTo("The Band - Album_ Live (FLAC).zip");
        assertThat(FileNames.albumZip("", "Solo Record", "MP3 320")).isEqualTo("Solo Record (MP3 320).zip");
        assertThat(FileNames.albumZip(" ", "", "FLAC")).isEqualTo("Album (FLAC).zip");
        assertThat(FileNames.albumZip("CON", "", "")).isEqualTo("CON_.zip");
        String longOne = FileNames.albumZip("The Band", "Ça ".repeat(200), "FLAC");
        assertThat(longOne).startsWith("The Band - Ça Ça").endsWith("Ça (FLAC).zip");
        assertThat(bytes(longOne)).isLessThanOrEqualTo(255).isGreaterThan(250);
    }

    @Test
    void trackNamesKeepTheNumberAndExtensionWhateverTheTitle() {
        assertThat(FileNames.track(1, 2, "Track Title", "flac")).isEqualTo("01 Track Title.flac");
        assertThat(FileNames.track(7, 3, "A/B?", ".mp3")).isEqualTo("007 A_B_.mp3");
        assertThat(FileNames.track(12, 1, "  ", "ogg")).isEqualTo("12.ogg");
        String longOne = FileNames.track(3, 2, "🎸".repeat(100), "opus");
        assertThat(longOne).startsWith("03 🎸").endsWith("🎸.opus");
        assertThat(bytes(longOne)).isLessThanOrEqualTo(255);
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
