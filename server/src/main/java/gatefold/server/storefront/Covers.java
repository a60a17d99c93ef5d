package gatefold.server.storefront;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.web.views.store.Cover;
import io.javalin.http.Context;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Release covers in 300, 600 and 1200 pixel JPEGs. Each size is made once from a PNG or JPEG
 * cover and kept in the store under the cover's SHA-256, which is also in the URL: a new cover
 * gets new URLs, so browsers may cache forever and nothing stale is served. Other image types
 * are served as uploaded.
 */
public final class Covers {

    public static final List<Integer> SIZES = List.of(300, 600, 1200);
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final Logger LOG = LoggerFactory.getLogger(Covers.class);
    private static final long MAX_SOURCE_BYTES = 60L * 1024 * 1024;
    private static final int HASH_CHARS = 16;

    private final Catalog catalog;
    private final BlobStore store;
    private final ConcurrentHashMap<String, Object> making = new ConcurrentHashMap<>();

    static {
        // Resizing needs no display; without this, AWT may look for one on a server.
        System.setProperty("java.awt.headless", "true");
    }

    public Covers(Catalog catalog, BlobStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** The release's cover (its first cover file that has been verified), or empty. */
    public Optional<ReleaseFile> coverOf(List<ReleaseFile> files) {
        return files.stream().filter(f -> f.role().equals("cover") && f.sha256() != null).findFirst();
    }

    public Cover view(Release release, List<ReleaseFile> files) {
        return coverOf(files).map(f -> new Cover(url(f, 600),
                String.join(", ", SIZES.stream().map(s -> url(f, s) + " " + s + "w").toList()),
                "Cover of " + release.title())).orElse(null);
    }

    /**
     * The cover as a JPEG whose longest side is at most {@code size} (made once and kept in
     * the store), for files that carry the cover inside; empty if the image cannot be read.
     */
    public Optional<byte[]> jpeg(ReleaseFile cover, int size) throws IOException {
        if (cover.contentType().equals("image/jpeg") || cover.contentType().equals("image/png")) {
            return Optional.ofNullable(resized(cover, BlobKey.of("covers/" + cover.sha256() + "/" + size + ".jpg"), size));
        }
        return Optional.empty();
    }

    static String url(ReleaseFile cover, int size) {
        return "/covers/" + cover.id() + "/" + cover.sha256().substring(0, HASH_CHARS) + "/" + size + ".jpg";
    }

    /** GET /covers/{fileId}/{hash}/{size}.jpg */
    void serve(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        int size = SIZES.stream().filter(s -> name.equals(s + ".jpg")).findFirst()
                .orElseThrow(() -> Refusal.notFound("Covers come in " + SIZES + " pixels."));
        ReleaseFile cover = catalog.file(ctx.pathParam("fileId"))
                .filter(f -> f.role().equals("cover") && f.sha256() != null)
                .filter(f -> catalog.release(f.releaseId()).filter(Release::isOut).isPresent())
                .orElseThrow(() -> Refusal.notFound("No such cover."));
        if (!cover.sha256().substring(0, HASH_CHARS).equals(ctx.pathParam("hash"))) {
            // An older cover's address: send the browser to the current one, without caching the redirect.
            ctx.header("Cache-Control", "no-cache").redirect(url(cover, size));
            return;
        }
        if (!cover.contentType().equals("image/jpeg") && !cover.contentType().equals("image/png")) {
            serveOriginal(ctx, cover);
            return;
        }
        BlobKey key = BlobKey.of("covers/" + cover.sha256() + "/" + size + ".jpg");
        byte[] resized = resized(cover, key, size);
        if (resized == null) {
            serveOriginal(ctx, cover);
            return;
        }
        ctx.header("Cache-Control", IMMUTABLE).contentType("image/jpeg").result(resized);
    }

    private byte[] resized(ReleaseFile cover, BlobKey key, int size) throws IOException {
        byte[] stored = read(key);
        if (stored != null) {
            return stored;
        }
        try {
            synchronized (making.computeIfAbsent(key.value(), k -> new Object())) {
                return make(cover, key, size);
            }
        } finally {
            making.remove(key.value());
        }
    }

    private byte[] make(ReleaseFile cover, BlobKey key, int size) throws IOException {
        byte[] stored = read(key);
        if (stored != null) {
            return stored;
        }
        if (cover.size() > MAX_SOURCE_BYTES) {
            return null;
        }
        byte[] original;
        try (InputStream in = store.get(BlobKey.of(cover.blobKey()), ByteRange.ALL)) {
            original = in.readAllBytes();
        }
        byte[] jpeg;
        try {
            jpeg = resize(original, size);
        } catch (IOException | RuntimeException e) {
            LOG.info("cover {} could not be resized ({}); serving it as uploaded", cover.id(), e.getMessage());
            return null;
        }
        store.put(key, new ByteArrayInputStream(jpeg), jpeg.length, "image/jpeg");
        return jpeg;
    }

    private byte[] read(BlobKey key) throws IOException {
        if (store.head(key).isEmpty()) {
            return null;
        }
        try (InputStream in = store.get(key, ByteRange.ALL)) {
            return in.readAllBytes();
        }
    }

    private void serveOriginal(Context ctx, ReleaseFile cover) {
        ctx.header("Cache-Control", IMMUTABLE).header("Content-Length", Long.toString(cover.size()))
                .contentType(cover.contentType()).result(store.get(BlobKey.of(cover.blobKey()), ByteRange.ALL));
    }

    /** A JPEG whose longest side is {@code size} (or the original's, if smaller), on white where the PNG was clear. */
    static byte[] resize(byte[] original, int size) throws IOException {
        BufferedImage source;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(original))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a readable image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
                ImageReadParam param = reader.getDefaultReadParam();
                // Skipping pixels while decoding keeps memory small for huge covers.
                int step = Math.max(1, longest / (size * 2));
                param.setSourceSubsampling(step, step, 0, 0);
                source = reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
        int longest = Math.max(source.getWidth(), source.getHeight());
        double scale = Math.min(1.0, (double) size / longest);
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage current = source;
        // Halving step by step, then one last step, looks far better than one big bilinear jump.
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        BufferedImage out = draw(current, width, height);
        return jpeg(out);
    }

    private static BufferedImage draw(BufferedImage from, int width, int height) {
        BufferedImage to = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = to.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(from, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return to;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
