package gatefold.server.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small reader of the Prometheus text format (0.0.4), strict enough that a malformed line
 * fails the test: HELP and TYPE comments, and samples {@code name{label="value",...} value}
 * with escaped label values.
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    final Map<String, String> types = new LinkedHashMap<>();
    final Map<String, String> help = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                (line.startsWith("# HELP ") ? parsed.help : parsed.types).put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("#")) {
                continue;
            } else {
                parsed.samples.add(sample(line));
            }
        }
        return parsed;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no metric name: " + line);
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no space before the value: " + line);
        }
        String[] rest = line.substring(i + 1).split(" ");
        return new Sample(name, labels, value(rest[0]));
    }

    /** Reads {@code key="value",...}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            if (!key.matches("[a-zA-Z_][a-zA-Z0-9_]*") || line.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("bad label at " + i + ": " + line);
            }
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static double value(String raw) {
        return switch (raw) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(raw);
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
    }

    public List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one sample of this name whose labels include all of {@code labels} (pairs of key and value). */
    public Optional<Sample> find(String name, String... labels) {
        return named(name).stream().filter(s -> {
            for (int k = 0; k + 1 < labels.length; k += 2) {
                if (!labels[k + 1].equals(s.label(labels[k]))) {
                    return false;
                }
            }
            return true;
        }).findFirst();
    }

    public double value(String name, String... labels) {
        return find(name, labels).map(Sample::value)
                .orElseThrow(() -> new AssertionError("no sample " + name + " " + String.join(",", labels)));
    }
}
