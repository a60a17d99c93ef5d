package gatefold.server.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gatefold demo`: a fresh store from seeds/, where a newcomer can buy with test payments and download. */
class DemoTest {

    static final Path SEEDS = Path.of("..", "seeds");
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Demo start(Path dir, boolean fresh) {
        return Demo.start(new Demo.Options(dir, "127.0.0.1", 0, SEEDS, fresh),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    String base(Demo demo) {
        return "http://127.0.0.1:" + demo.gatefold().port();
    }

    JsonNode json(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** Buys a release the way the demo invites: test payment, then the receipt's downloads by name. */
    JsonNode lastReceipt;

    /** The name a file was uploaded under: its download in another format is named for that format. */
    static String originalName(JsonNode download) {
        return download.path("format").asText().equals("original") ? download.path("name").asText()
                : download.path("name").asText().replaceFirst("\\.[^.]+$", "") + ".wav";
    }

    Map<String, byte[]> buy(Demo demo, String releaseId) throws Exception {
        JsonNode started = json("POST", base(demo) + "/checkout/" + releaseId, null,
                "{\"email\":\"newcomer@example.com\",\"provider\":\"test\"}");
        String pay = started.path("redirectUrl").asText().replaceFirst("^https?://[^/]+", base(demo));
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create(pay)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        JsonNode receipt = json("GET", started.path("receiptUrl").asText().replaceFirst("^https?://[^/]+", base(demo)), null, null);
        assertThat(receipt.path("status").asText()).isEqualTo("confirmed");
        Map<String, byte[]> files = new HashMap<>();
        for (JsonNode d : receipt.path("downloads")) {
            // The files as the artist made them; the other formats are checked on their own below.
            String original = d.path("formats").path("original").asText(d.path("url").asText());
            HttpResponse<byte[]> file = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build().send(
                    HttpRequest.newBuilder(URI.create(original.replaceFirst("^https?://[^/]+", base(demo)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            files.put(d.path("formats").has("original") ? originalName(d) : d.path("name").asText(), file.body());
        }
        lastReceipt = receipt;
        return files;
    }

    @Test
    void aFreshDemoHasAnArtistAndMusicABookAndAFilmThatANewcomerCanBuyAndDownload(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("gatefold-demo");
        try (Demo demo = start(dir, false)) {
            Demo.SignIn signIn = demo.signIn();
            assertThat(signIn.email()).isEqualTo("demo@gatefold.example");
            assertThat(String.join("\n", demo.banner(dir))).contains(demo.gatefold().publicUrl() + "/")
                    .contains(signIn.email()).contains(signIn.password()).contains(signIn.apiToken()).contains("TEST payments");
            assertThat(json("POST", base(demo) + "/api/tokens", null,
                    "{\"email\":\"" + signIn.email() + "\",\"password\":\"" + signIn.password() + "\"}").path("apiToken").asText()).isNotBlank();

            JsonNode releases = json("GET", base(demo) + "/api/releases", signIn.apiToken(), null);
            List<JsonNode> every = new java.util.ArrayList<>();
            (releases.isArray() ? releases : releases.path("releases")).forEach(every::add);
            assertThat(every).extracting(r -> r.path("title").asText()).containsExactlyInAnyOrder("Sine Language",
                    "A Short Book of Small Hours", "Test Pattern", "Coming Soon", "Encore");
            // Out now: what a newcomer buys and downloads at once (the pre-order and the draft have their own test).
            List<JsonNode> all = every.stream().filter(r -> r.path("releaseDate").isNull()
                    && r.path("status").asText().equals("published")).toList();
            assertThat(all).extracting(r -> r.path("kind").asText()).containsExactlyInAnyOrder("music", "book", "film");

            for (JsonNode release : all) {
                Map<String, byte[]> files = buy(demo, release.path("id").asText());
                byte[] cover = files.get("cover.png");
                if (cover != null) {
                    assertThat(ImageIO.read(new ByteArrayInputStream(cover)).getWidth()).isEqualTo(DemoCovers.SIZE);
                }
                switch (release.path("kind").asText()) {
                    case "music" -> {
                        assertThat(files.keySet()).contains("01 Morning Chord.wav", "02 Fifths.wav", "03 Low Hum.wav");
                        assertValidWav(files.get("01 Morning Chord.wav"), 4.0);
                    }
                    case "book" -> {
                        assertStampedPdf(files.get("small-hours.pdf"), tmp);
                        assertValidEpub(files.get("small-hours.epub"));
                        assertThat(new String(files.get("small-hours.epub"), StandardCharsets.ISO_8859_1))
                                .as("the EPUB is stamped with its buyer").contains("newcomer@example.com");
                    }
                    default -> assertThat(files.get("test-pattern.mp4")).isEqualTo(Files.readAllBytes(SEEDS.resolve("film/test-pattern.mp4")));
                }
            }
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base(demo) + "/embed/r/" + signIn.artistSlug() + "/sine-language")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("Sine Language").contains("7.00 EUR");
        }
    }

    @Test
    void aDemoFanDownloadsTheAlbumAsMp3320AndAsFlacTaggedWithTheCover(@TempDir Path tmp) throws Exception {
        gatefold.server.OsTool.requireAll(gatefold.server.OsTool.FFMPEG, gatefold.server.OsTool.FFPROBE);
        try (Demo demo = start(tmp.resolve("demo"), false)) {
            JsonNode releases = json("GET", base(demo) + "/api/releases", demo.signIn().apiToken(), null);
            String music = null;
            for (JsonNode r : releases.isArray() ? releases : releases.path("releases")) {
                music = r.path("kind").asText().equals("music") ? r.path("id").asText() : music;
            }
            buy(demo, music);
            for (String format : List.of("mp3-320", "flac")) {
                JsonNode album = null;
                for (JsonNode a : lastReceipt.path("albums")) {
                    album = a.path("format").asText().equals(format) ? a : album;
                }
                assertThat(album).as(format + " in " + lastReceipt.path("albums")).isNotNull();
                String url = album.path("url").asText().replaceFirst("^https?://[^/]+", base(demo));
                HttpResponse<byte[]>[] zip = new HttpResponse[1];
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).pollInterval(java.time.Duration.ofSeconds(1))
                        .until(() -> (zip[0] = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofByteArray())).statusCode() == 200);
                Path first = null;
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip[0].body()))) {
                    ZipEntry entry = in.getNextEntry();
                    assertThat(entry.getName()).isEqualTo("01 Morning Chord." + (format.equals("flac") ? "flac" : "mp3"));
                    first = tmp.resolve(entry.getName());
                    Files.write(first, in.readAllBytes());
                }
                String probe = ffprobe(first);
                assertThat(probe).contains("Morning Chord").contains("Sine Language").containsPattern("(?i)\"(track|tracknumber)\"\\s*:\\s*\"1");
                assertThat(probe).contains("attached_pic\": 1");
            }
        }
    }

    static String ffprobe(Path file) throws Exception {
        Process p = new ProcessBuilder(gatefold.server.OsTool.FFPROBE.require().toString(), "-v", "error", "-of", "json",
                "-show_format", "-show_streams", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return out;
    }

    @Test
    void startingAgainReusesTheStoreAndFreshStartsOver(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        String firstToken;
        try (Demo demo = start(dir, false)) {
            firstToken = demo.signIn().apiToken();
        }
        try (Demo again = start(dir, false)) {
            assertThat(again.signIn().apiToken()).isEqualTo(firstToken);
            JsonNode releases = json("GET", base(again) + "/api/releases", firstToken, null);
            assertThat((releases.isArray() ? releases : releases.path("releases")).size()).isEqualTo(5);
            assertThat(String.join("\n", again.banner(dir))).contains("/bundles/bun_").contains("/api/admin/outbox");
        }
        try (Demo fresh = start(dir, true)) {
            assertThat(fresh.signIn().apiToken()).isNotEqualTo(firstToken);
        }
    }

    @Test
    void theDemoIsACommandOfTheGatefoldJar() {
        picocli.CommandLine demo = gatefold.server.cli.GatefoldCommand.commandLine().getSubcommands().get("demo");
        assertThat(demo).isNotNull();
        assertThat(demo.getCommandSpec().findOption("--data-dir").defaultValue()).isEqualTo("./gatefold-demo");
        assertThat(demo.getCommandSpec().findOption("--port").defaultValue()).isEqualTo("7070");
    }

    @Test
    void aDirectoryThatIsNotADemoIsLeftAlone(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> start(tmp, true)).isInstanceOf(Demo.DemoException.class).hasMessageContaining("not a Gatefold demo");
        assertThat(tmp.resolve("notes.txt")).hasContent("mine");
    }

    static void assertValidWav(byte[] wav, double seconds) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
        assertThat(new String(wav, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(b.getShort(22)).isEqualTo((short) 2);
        assertThat(b.getInt(24)).isEqualTo(Tones.RATE);
        assertThat(b.getInt(40)).isEqualTo(wav.length - 44);
        assertThat((wav.length - 44) / 4.0 / Tones.RATE).isCloseTo(seconds, org.assertj.core.data.Offset.offset(0.01));
    }

    /** The demo's PDF as bought: the demo's file first, untouched, then the buyer on every page, and qpdf finds no fault. */
    static void assertStampedPdf(byte[] pdf, Path tmp) throws Exception {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("%%EOF\n") + "%%EOF\n".length();
        assertValidPdf(java.util.Arrays.copyOf(pdf, end));
        assertThat(end).as("a stamp follows the demo's own file").isLessThan(pdf.length);
        Path file = Files.write(tmp.resolve("bought.pdf"), pdf);
        Process qpdf = new ProcessBuilder(gatefold.server.OsTool.QPDF.require().toString(), "--check", file.toString())
                .redirectErrorStream(true).start();
        String checked = new String(qpdf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(qpdf.waitFor()).as(checked).isZero();
        Process pdftotext = new ProcessBuilder(gatefold.server.OsTool.PDFTOTEXT.require().toString(), "-enc", "UTF-8", file.toString(), "-")
                .redirectErrorStream(true).start();
        String pages = new String(pdftotext.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pdftotext.waitFor()).isZero();
        assertThat(pages.split("\f")).filteredOn(page -> !page.isBlank())
                .isNotEmpty().allSatisfy(page -> assertThat(page).contains("newcomer@example.com"));
    }

    static void assertValidPdf(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("%PDF-1.4").endsWith("%%EOF\n").contains("(Three in the Morning) Tj");
        Matcher startxref = Pattern.compile("startxref\\n(\\d+)\\n").matcher(text);
        assertThat(startxref.find()).isTrue();
        int xref = Integer.parseInt(startxref.group(1));
        assertThat(text.substring(xref)).startsWith("xref\n0 ");
        Matcher entries = Pattern.compile("(\\d{10}) 00000 n ").matcher(text.substring(xref));
        int object = 1;
        while (entries.find()) {
            int offset = Integer.parseInt(entries.group(1));
            assertThat(text.substring(offset)).startsWith(object + " 0 obj");
            object++;
        }
        assertThat(object).isGreaterThan(5);
    }

    static void assertValidEpub(byte[] epub) throws Exception {
        assertThat(new String(epub, 30, 28, StandardCharsets.US_ASCII)).isEqualTo("mimetypeapplication/epub+zip");
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(epub))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().endsWith(".xhtml") || e.getName().endsWith(".opf") || e.getName().endsWith(".xml")) {
                    javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new ByteArrayInputStream(zip.readAllBytes()));
                }
            }
        }
        assertThat(names).startsWith("mimetype").contains("META-INF/container.xml", "OEBPS/book.opf", "OEBPS/nav.xhtml",
                "OEBPS/chapter-1.xhtml");
    }
}
