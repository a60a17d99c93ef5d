package gatefold.server.cli.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo catalog in seeds/catalog.json: the artist, each release's fields and files, and the
 * bundles. Files are generated (tones, books, covers) or read from seeds/ (the film clip). A
 * release may be a pre-order ({@code releaseInDays}: its date counts from the demo's start),
 * stay a draft ({@code publish: false}), be rentable ({@code rent}), and choose its tracks' previews.
 */
final class SeedCatalog {

    record Artist(String name, String email, String password) {
    }

    /**
     * {@code preview}: the track's preview mode ({@code whole}, {@code clip}, {@code none}), or null for the
     * default; {@code availableNow}: pre-order buyers get the file at once.
     */
    record SeedFile(String name, byte[] bytes, String preview, boolean availableNow) {

        SeedFile(String name, byte[] bytes) {
            this(name, bytes, null, false);
        }
    }

    /** {@code film}: the body of {@code PUT /api/releases/{id}/film} (a rent price), or null. */
    record SeedRelease(String title, Map<String, Object> fields, SeedFile cover, List<SeedFile> files, boolean publish,
                       Map<String, Object> film) {
    }

    final Artist artist;
    final List<SeedRelease> releases;
    /** Each the body of {@code POST /api/bundles}. */
    final List<Map<String, Object>> bundles;

    private SeedCatalog(Artist artist, List<SeedRelease> releases, List<Map<String, Object>> bundles) {
        this.artist = artist;
        this.releases = releases;
        this.bundles = bundles;
    }

    static SeedCatalog read(Path seeds) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(seeds.resolve("catalog.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + seeds.resolve("catalog.json") + ": " + e.getMessage(), e);
        }
        JsonNode a = root.path("artist");
        Artist artist = new Artist(a.path("name").asText(), a.path("email").asText(), a.path("password").asText());
        List<SeedRelease> releases = new ArrayList<>();
        for (JsonNode r : root.path("releases")) {
            releases.add(release(seeds, artist, r));
        }
        List<Map<String, Object>> bundles = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (JsonNode b : root.path("bundles")) {
            bundles.add(json.convertValue(b, new TypeReference<Map<String, Object>>() { }));
        }
        return new SeedCatalog(artist, releases, bundles);
    }

    private static SeedRelease release(Path seeds, Artist artist, JsonNode r) {
        String title = r.path("title").asText();
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : List.of("title", "kind", "pricing", "price", "minPrice", "currency", "licence", "credits", "description",
                "genre")) {
            if (r.hasNonNull(name)) {
                fields.put(name, r.get(name).asText());
            }
        }
        if (r.path("formats").isArray()) {
            List<String> formats = new java.util.ArrayList<>();
            r.path("formats").forEach(f -> formats.add(f.asText()));
            fields.put("formats", formats);
        }
        if (r.has("releaseInDays")) {
            fields.put("releaseDate", LocalDate.now(ZoneOffset.UTC).plusDays(r.path("releaseInDays").asInt()).toString());
        }
        JsonNode cover = r.path("cover");
        JsonNode colors = cover.path("colors");
        SeedFile coverFile = new SeedFile("cover.png", DemoCovers.png(title, artist.name(),
                DemoCovers.color(colors.path(0).asText("#333333")), DemoCovers.color(colors.path(1).asText("#ffffff")),
                cover.path("shape").asText("rings")));
        List<BookFiles.Chapter> chapters = new ArrayList<>();
        for (JsonNode c : r.path("chapters")) {
            chapters.add(new BookFiles.Chapter(c.path("title").asText(), c.path("text").asText()));
        }
        List<SeedFile> files = new ArrayList<>();
        for (JsonNode f : r.path("files")) {
            String name = f.path("name").asText();
            files.add(new SeedFile(name, bytes(seeds, artist, title, chapters, f), f.hasNonNull("preview")
                    ? f.path("preview").asText() : null, f.path("availableNow").asBoolean(false)));
        }
        Map<String, Object> film = r.has("rent") ? Map.of("rentPrice", r.path("rent").path("price").asText()) : null;
        return new SeedRelease(title, fields, coverFile, files, r.path("publish").asBoolean(true), film);
    }

    private static byte[] bytes(Path seeds, Artist artist, String title, List<BookFiles.Chapter> chapters, JsonNode f) {
        if (f.has("tone")) {
            List<List<Double>> chords = new ArrayList<>();
            for (JsonNode chord : f.path("tone").path("chords")) {
                List<Double> notes = new ArrayList<>();
                chord.forEach(n -> notes.add(n.asDouble()));
                chords.add(notes);
            }
            return Tones.wav(f.path("tone").path("seconds").asDouble(3), chords);
        }
        if (f.has("book")) {
            return f.path("book").asText().equals("epub")
                    ? BookFiles.epub(title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), title, artist.name(), chapters)
                    : BookFiles.pdf(title, artist.name(), chapters);
        }
        Path path = seeds.resolve(f.path("path").asText()).normalize();
        if (!path.startsWith(seeds.normalize())) {
            throw new IllegalArgumentException("seed file outside seeds/: " + f.path("path").asText());
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + path + ": " + e.getMessage(), e);
        }
    }
}
