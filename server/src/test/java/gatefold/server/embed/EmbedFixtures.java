package gatefold.server.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/** Published releases with a file and (optionally) a cover, made through the artist API as an artist would. */
public final class EmbedFixtures {

    public record Published(String id, String url, String artistSlug, String slug, byte[] bytes, String fileName) {
    }

    private EmbedFixtures() {
    }

    public static Published publish(ApiClient api, String token, Map<String, Object> fields, boolean withCover) {
        String id = api.newRelease(token, fields);
        byte[] bytes = new byte[40_000 + new Random().nextInt(1000)];
        new Random(bytes.length).nextBytes(bytes);
        String fileName = "liner-notes.zip";
        byte[] zip = zipOf(bytes);
        Reply file = api.put("/api/releases/" + id + "/files/" + fileName, token, HttpRequest.BodyPublishers.ofByteArray(zip));
        assertThat(file.status()).as(file.toString()).isEqualTo(201);
        if (withCover) {
            Reply cover = api.put("/api/releases/" + id + "/files/cover.png", token, HttpRequest.BodyPublishers.ofByteArray(png()));
            assertThat(cover.status()).as(cover.toString()).isEqualTo(201);
        }
        Reply published = api.post("/api/releases/" + id + "/publish", token, null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        JsonNode release = published.json();
        String url = release.path("url").asText();
        String[] parts = url.split("/");
        return new Published(id, url, parts[parts.length - 2], parts[parts.length - 1], zip, fileName);
    }

    /** A zip holding the bytes: a release of kind "other" takes any type as its main file. */
    static byte[] zipOf(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("notes.bin"));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] png() {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x0b57d0));
        g.fillRect(0, 0, 64, 64);
        g.setColor(Color.WHITE);
        g.fillOval(16, 16, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
