package gatefold.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Raw configuration values by variable name: a properties file may set any key, and the
 * environment overrides it. Values are trimmed; blank counts as unset.
 */
public final class Settings {

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Settings of(Map<String, String> values) {
        Map<String, String> clean = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                clean.put(k, v.trim());
            }
        });
        return new Settings(clean);
    }

    /** The environment over an optional properties file (GATEFOLD_CONFIG_FILE or the given path). */
    public static Settings fromEnvironment(Path propertiesFile) {
        Map<String, String> merged = new HashMap<>();
        Path file = propertiesFile;
        if (file == null && System.getenv("GATEFOLD_CONFIG_FILE") != null) {
            file = Path.of(System.getenv("GATEFOLD_CONFIG_FILE"));
        }
        if (file != null) {
            merged.putAll(readProperties(file));
        }
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("GATEFOLD_")) {
                merged.put(k, v);
            }
        });
        return of(merged);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("GATEFOLD_CONFIG_FILE: cannot read " + file + " (" + e.getMessage()
                    + "); point it at a readable properties file");
        }
        Map<String, String> map = new HashMap<>();
        props.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return map;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + "=" + raw + " is not valid; use a whole number from " + min + " to " + max);
        }
    }

    public long longValue(String name, long fallback, long min, long max) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + "=" + raw + " is not valid; use a whole number from " + min + " to " + max);
        }
    }

    public boolean flag(String name, boolean fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(name + "=" + raw + " is not valid; use true or false");
        };
    }

    /** A copy with one value replaced; tests use it to vary a setting. */
    public Settings with(String name, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(name, value);
        return of(copy);
    }
}
