package gatefold.server.media;

import gatefold.server.common.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a derived file: SHA-256 (hex) of everything that shapes its bytes (the
 * master's SHA-256, the format and its recipe version, every tag, the cover's SHA-256), so an
 * edit makes a new key and an unchanged track keeps its key. Each part is length-prefixed in
 * a fixed order, so no two different inputs give the same bytes to hash.
 */
public record DerivedKey(String hex) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    /** Names this scheme; change it if the layout below ever changes. */
    private static final String SCHEME = "gatefold-derived-1";

    public DerivedKey {
        if (hex == null || !SHA256_HEX.matcher(hex).matches()) {
            throw Refusal.invalid("a derived file key is 64 lowercase hex digits");
        }
    }

    /** The key of a track encoded in a format (not {@link AudioFormat#ORIGINAL}, which is the master itself). */
    public static DerivedKey of(String masterSha256, AudioFormat format, TrackTags tags, Optional<String> coverSha256) {
        if (format.isOriginal()) {
            throw new IllegalArgumentException("the original is the master itself, keyed by its own SHA-256");
        }
        List<String> parts = new ArrayList<>(List.of("track", sha(masterSha256), format.id(),
                String.valueOf(format.recipeVersion())));
        parts.addAll(tags.keyValues());
        parts.add(coverSha256.map(DerivedKey::sha).map(s -> "cover:" + s).orElse("no cover"));
        return hash(parts);
    }

    /** The key of a preview: the master, the preview recipe and the clip (previews carry no tags or cover). */
    public static DerivedKey ofPreview(String masterSha256, PreviewClip clip) {
        return hash(List.of("preview", sha(masterSha256), String.valueOf(Transcoder.PREVIEW_RECIPE_VERSION),
                clip.keyText()));
    }

    private static DerivedKey hash(List<String> parts) {
        MessageDigest digest = sha256();
        update(digest, SCHEME);
        for (String part : parts) {
            update(digest, part);
        }
        return new DerivedKey(HexFormat.of().formatHex(digest.digest()));
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
        digest.update(bytes);
    }

    private static String sha(String hex) {
        String lower = hex == null ? "" : hex.toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(lower).matches()) {
            throw Refusal.invalid("a SHA-256 is 64 hex digits");
        }
        return lower;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
