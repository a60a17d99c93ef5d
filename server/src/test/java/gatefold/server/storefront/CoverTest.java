package gatefold.server.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.storage.BlobKey;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Covers come in three sizes, made once, cached for good under addresses that change with the cover. */
class CoverTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true"));
    static final StoreFixtures store = new StoreFixtures(server);
    static ApiClient.NewArtist band;

    @BeforeAll
    static void start() {
        band = store.api.newArtist("Cover Band", "covers@example.com");
    }

    String publishedWithCover(String title, String name, byte[] cover) {
        String id = store.release(band.token(), Map.of("title", title, "kind", "other", "pricing", "free"));
        store.upload(band.token(), id, name, cover);
        store.upload(band.token(), id, "a.bin", new byte[] {1});
        store.publish(band.token(), id);
        return id;
    }

    String coverUrl(String releaseId, int size) {
        String html = store.page(store.urlOf(band.token(), releaseId)).body();
        Matcher m = Pattern.compile("(/covers/[^/\"]+/[0-9a-f]{16}/)" + size + "\\.jpg").matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group();
    }

    static BufferedImage decode(byte[] bytes) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void aPngCoverIsServedAsJpegsOfEachSizeWithImmutableCaching() throws Exception {
        String id = publishedWithCover("Wide", "cover.png", StoreFixtures.image("png", 2400, 1200, Color.ORANGE));
        for (int size : Covers.SIZES) {
            HttpResponse<byte[]> res = store.bytes(coverUrl(id, size));
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(res.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            BufferedImage img = decode(res.body());
            assertThat(img.getWidth()).isEqualTo(size);
            assertThat(img.getHeight()).isEqualTo(size / 2);
            // The clear lower half of the PNG becomes white, the painted upper half keeps its colour.
            assertThat(new Color(img.getRGB(size / 2, size / 4))).satisfies(c -> assertThat(c.getRed()).isGreaterThan(200));
            assertThat(new Color(img.getRGB(size / 2, size * 3 / 8 + size / 16)).getBlue()).isGreaterThan(200);
        }
        String sha = store.api.get("/api/releases/" + id, band.token()).json().path("files").findValuesAsText("sha256").stream()
                .filter(s -> coverUrl(id, 300).contains(s.substring(0, 16))).findFirst().orElseThrow();
        // Made once and kept in the store, keyed by the cover's hash.
        assertThat(server.gatefold.store().head(BlobKey.of("covers/" + sha + "/300.jpg"))).isPresent();
        HttpResponse<byte[]> again = store.bytes(coverUrl(id, 300));
        assertThat(again.body()).isEqualTo(store.bytes(coverUrl(id, 300)).body());
    }

    @Test
    void aSmallJpegIsNeverEnlarged() throws Exception {
        String id = publishedWithCover("Small", "cover.jpg", StoreFixtures.image("jpg", 200, 200, Color.GREEN));
        BufferedImage img = decode(store.bytes(coverUrl(id, 1200)).body());
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(200);
    }

    @Test
    void aNewCoverGetsNewAddressesAndOldOnesLeadToIt() {
        String id = publishedWithCover("Changing", "cover.png", StoreFixtures.image("png", 400, 400, Color.RED));
        String before = coverUrl(id, 600);
        store.upload(band.token(), id, "cover.png", StoreFixtures.image("png", 400, 400, Color.CYAN));
        String after = coverUrl(id, 600);
        assertThat(after).isNotEqualTo(before);
        HttpResponse<byte[]> old = store.bytes(before);
        assertThat(old.statusCode()).isEqualTo(302);
        assertThat(old.headers().firstValue("Location")).hasValue(after);
        assertThat(old.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void otherImageTypesAreServedAsUploaded() {
        byte[] gif = StoreFixtures.image("gif", 64, 64, Color.MAGENTA);
        String id = publishedWithCover("Animated", "cover.gif", gif);
        HttpResponse<byte[]> res = store.bytes(coverUrl(id, 600));
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(res.body()).isEqualTo(gif);
    }

    @Test
    void unknownSizesDraftsAndNonCoversAreNotFound() {
        String id = publishedWithCover("Sized", "cover.png", StoreFixtures.image("png", 100, 100, Color.BLUE));
        String url = coverUrl(id, 600);
        assertThat(store.bytes(url.replace("/600.jpg", "/500.jpg")).statusCode()).isEqualTo(404);
        assertThat(store.bytes(url.replace("/600.jpg", "/600.png")).statusCode()).isEqualTo(404);

        String draft = store.release(band.token(), Map.of("title", "Draft Cover", "kind", "other", "pricing", "free"));
        store.upload(band.token(), draft, "cover.png", StoreFixtures.image("png", 100, 100, Color.BLUE));
        var file = store.api.get("/api/releases/" + draft, band.token()).json().path("files").get(0);
        String draftUrl = "/covers/" + file.path("id").asText() + "/" + file.path("sha256").asText().substring(0, 16) + "/300.jpg";
        assertThat(store.bytes(draftUrl).statusCode()).isEqualTo(404);

        var bin = store.api.get("/api/releases/" + id, band.token()).json().path("files").findParents("name").stream()
                .filter(f -> f.path("name").asText().equals("a.bin")).findFirst().orElseThrow();
        assertThat(store.bytes("/covers/" + bin.path("id").asText() + "/" + bin.path("sha256").asText().substring(0, 16)
                + "/300.jpg").statusCode()).isEqualTo(404);
    }
}
