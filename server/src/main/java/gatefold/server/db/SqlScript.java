package gatefold.server.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements at the semicolons that end them, skipping
 * comments and leaving semicolons inside quoted strings, quoted names and PostgreSQL
 * dollar-quoted bodies alone.
 */
final class SqlScript {

    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("a comment that starts at character " + i + " never ends");
                }
                i = end + 2;
                current.append(' ');
            } else if (c == '\'' || c == '"') {
                int end = closing(script, i, c);
                current.append(script, i, end + 1);
                i = end + 1;
            } else if (c == '$' && dollarTag(script, i) != null) {
                String tag = dollarTag(script, i);
                int end = script.indexOf(tag, i + tag.length());
                if (end < 0) {
                    throw new IllegalArgumentException("a " + tag + " body that starts at character " + i + " never ends");
                }
                current.append(script, i, end + tag.length());
                i = end + tag.length();
            } else if (c == ';') {
                add(statements, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current);
        return statements;
    }

    /** Where a quoted string or name that opens at {@code start} closes; a doubled quote is part of it. */
    private static int closing(String script, int start, char quote) {
        int i = start + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new IllegalArgumentException("a quote that opens at character " + start + " never closes");
    }

    /** {@code $$} or {@code $tag$} at {@code start}, else null. */
    private static String dollarTag(String script, int start) {
        int i = start + 1;
        while (i < script.length() && (Character.isLetterOrDigit(script.charAt(i)) || script.charAt(i) == '_')) {
            i++;
        }
        return i < script.length() && script.charAt(i) == '$' ? script.substring(start, i + 1) : null;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
