package gatefold.server.catalog;

import gatefold.server.common.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which files a release may hold: roles, names and the types each kind and role accepts.
 * Music tracks are audio, books PDF or EPUB, films video, covers images; zips and PDFs
 * can ride along as extras.
 */
public final class FileRules {

    public static final Set<String> ROLES = Set.of("master", "track", "extra", "cover");
    static final Set<String> AUDIO = Set.of("audio/flac", "audio/wav", "audio/aiff", "audio/mpeg", "audio/ogg", "audio/opus", "audio/mp4");
    static final Set<String> VIDEO = Set.of("video/mp4", "video/quicktime", "video/x-matroska", "video/webm", "video/ogg");
    static final Set<String> BOOK = Set.of("application/pdf", "application/epub+zip");
    static final Set<String> IMAGE = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");
    static final Set<String> EXTRA = union(Set.of("application/zip", "application/pdf", "application/epub+zip"), IMAGE);

    private static final Map<String, Map<String, Set<String>>> ALLOWED = Map.of(
            "music", Map.of("track", AUDIO, "master", union(AUDIO, Set.of("application/zip")), "cover", IMAGE, "extra", EXTRA),
            "book", Map.of("master", BOOK, "cover", IMAGE, "extra", EXTRA),
            "film", Map.of("master", VIDEO, "cover", IMAGE, "extra", union(EXTRA, VIDEO)),
            "other", Map.of("master", Set.of(), "cover", IMAGE, "extra", Set.of()));

    private FileRules() {
    }

    /** The role a file takes when the uploader names none. */
    public static String defaultRole(String kind, String contentType) {
        if (IMAGE.contains(contentType)) {
            return "cover";
        }
        if (kind.equals("music") && AUDIO.contains(contentType)) {
            return "track";
        }
        if ((kind.equals("music") || kind.equals("film")) && EXTRA.contains(contentType)) {
            return "extra";
        }
        return "master";
    }

    /** Refuses a role or type this kind of release does not take, naming what it does take. */
    public static void check(String kind, String role, String contentType) {
        Map<String, Set<String>> byRole = ALLOWED.get(kind);
        if (!ROLES.contains(role) || !byRole.containsKey(role)) {
            throw Refusal.invalid("A " + kind + " release has no '" + role + "' files; use one of " + byRole.keySet() + ".");
        }
        Set<String> types = byRole.get(role);
        if (!types.isEmpty() && !types.contains(contentType)) {
            throw new Refusal(Refusal.Kind.UNSUPPORTED_TYPE, "This file looks like " + contentType + "; a " + role
                    + " of a " + kind + " release must be one of " + List.copyOf(types.stream().sorted().toList()) + ".");
        }
    }

    /** A file name a fan can save: 1 to 255 characters, no slashes, control characters or dot-names. */
    public static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 255 || !name.equals(name.strip())
                || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                || name.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw Refusal.invalid("File names must be 1 to 255 characters, without slashes, control characters,"
                    + " surrounding spaces, or '.' and '..'.");
        }
        return name;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
