package gatefold.server.moving;

import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The dashboard's import of buyers from another shop, in two steps without JavaScript: the
 * uploaded CSV is kept (for {@link #KEPT} at most) while the artist looks at the columns Gatefold
 * guessed and the first rows, changes what a column means if need be, and confirms; the import
 * itself is {@link BuyerImport}'s, the same as the API's and the command's.
 */
public final class BuyerDrafts {

    static final Duration KEPT = Duration.ofDays(1);
    /** How many rows the confirmation shows. */
    static final int SHOWN = 5;
    public static final List<String> FIELDS = BuyerColumns.FIELDS;
    public static final List<String> PRESETS = BuyerColumns.PRESETS.keySet().stream().sorted().toList();

    /**
     * What the artist confirms: the file's columns with the field each one is read as ("" for none),
     * its first rows, how many rows it has, and what a dry run found (bad rows by line); {@code check} is null
     * while no column is read as the email.
     */
    public record Preview(String id, String fileName, String releaseId, String preset, List<String> header, List<String> meanings,
                          List<List<String>> firstRows, int rows, BuyerImport.Result check) {
    }

    private record Draft(String releaseId, String fileName, String csv) {
    }

    private final Jdbi jdbi;
    private final BuyerImport buyers;

    public BuyerDrafts(Jdbi jdbi, BuyerImport buyers) {
        this.jdbi = jdbi;
        this.buyers = buyers;
    }

    /** Keeps the file for the artist's release (which must be theirs) and returns its id. */
    public String keep(String artistId, String releaseId, String fileName, String csv) {
        boolean theirs = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM releases WHERE id = :r AND artist_id = :a")
                .bind("r", releaseId).bind("a", artistId).mapTo(Integer.class).one()) > 0;
        if (!theirs) {
            throw Refusal.notFound("No such release.");
        }
        String id = Ids.next("csv");
        String name = fileName == null || fileName.isBlank() ? "buyers.csv" : fileName.strip();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO buyer_csv_drafts (id, artist_id, release_id, file_name, csv_text, created_at)"
                        + " VALUES (:id, :a, :r, :name, :csv, :now)")
                .bind("id", id).bind("a", artistId).bind("r", releaseId).bind("name", name.length() > 200 ? name.substring(0, 200) : name)
                .bind("csv", csv).bind("now", Instant.now()).execute());
        return id;
    }

    /**
     * The columns as Gatefold reads them: guessed (with the preset, if any) when {@code columns} is
     * empty, else exactly as given (field to header, "" for none), then a dry run.
     */
    public Preview preview(String artistId, String id, Optional<String> preset, Map<String, String> columns) {
        Draft draft = draft(artistId, id);
        BuyerCsv.Table table = table(draft.csv());
        Map<String, Integer> chosen;
        try {
            chosen = BuyerColumns.choose(table.header(), preset, columns);
        } catch (Refusal noEmail) {
            if (!columns.isEmpty()) {
                throw noEmail;
            }
            // Nothing looks like an email: show the columns anyway, for the artist to say which one it is.
            chosen = BuyerColumns.choose(table.header(), preset, Map.of("email", table.header().get(0)));
            chosen.remove("email");
            return preview(id, draft, preset, table, chosen, null);
        }
        BuyerImport.Result check = buyers.run(artistId, draft.releaseId(), new StringReader(draft.csv()),
                new BuyerImport.Options(preset, columnsOf(table.header(), chosen), false, true, false));
        return preview(id, draft, preset, table, chosen, check);
    }

    private static Preview preview(String id, Draft draft, Optional<String> preset, BuyerCsv.Table table, Map<String, Integer> chosen,
                                   BuyerImport.Result check) {
        List<String> meanings = new ArrayList<>();
        for (int i = 0; i < table.header().size(); i++) {
            final int column = i;
            meanings.add(chosen.entrySet().stream().filter(e -> e.getValue() == column).map(Map.Entry::getKey).findFirst().orElse(""));
        }
        List<List<String>> first = table.records().stream().limit(SHOWN).map(BuyerCsv.Record::cells).toList();
        return new Preview(id, draft.fileName(), draft.releaseId(), preset.orElse(""), table.header(), meanings, first,
                table.records().size(), check);
    }

    /** Forgets the files left unconfirmed for longer than {@link #KEPT} (the hourly export sweep asks); returns how many. */
    static int forgetUnconfirmed(Jdbi jdbi, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM buyer_csv_drafts WHERE created_at < :cutoff")
                .bind("cutoff", now.minus(KEPT)).execute());
    }

    /** Imports the kept file with the confirmed columns; the file is forgotten once something was imported. */
    public BuyerImport.Result importNow(String artistId, String id, Optional<String> preset, Map<String, String> columns,
                                       boolean skipBad, boolean mail) {
        Draft draft = draft(artistId, id);
        BuyerImport.Result result = buyers.run(artistId, draft.releaseId(), new StringReader(draft.csv()),
                new BuyerImport.Options(preset, columns, skipBad, false, mail));
        if (result.changed() || result.problems().isEmpty()) {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM buyer_csv_drafts WHERE id = :id").bind("id", id).execute());
        }
        return result;
    }

    /**
     * The form's "what this column means" choices as the import's field-to-header map, every field
     * named (a field no column was given is "": none), so what is imported is what was shown.
     */
    public static Map<String, String> columnsFrom(List<String> header, List<String> meanings) {
        Map<String, String> columns = new LinkedHashMap<>();
        FIELDS.forEach(f -> columns.put(f, ""));
        for (int i = 0; i < header.size() && i < meanings.size(); i++) {
            String field = meanings.get(i);
            if (field == null || field.isBlank()) {
                continue;
            }
            if (!FIELDS.contains(field)) {
                throw Refusal.invalid("\"" + field + "\" is not something a column can mean.");
            }
            if (!columns.get(field).isEmpty()) {
                throw Refusal.invalid("Two columns are set to " + field + " (\"" + columns.get(field) + "\" and \"" + header.get(i)
                        + "\"); choose one.");
            }
            columns.put(field, header.get(i));
        }
        return columns;
    }

    /** The release a kept file's buyers bought. */
    public String releaseId(String artistId, String id) {
        return draft(artistId, id).releaseId();
    }

    /** The header of a kept file, to read the form's choices against. */
    public List<String> header(String artistId, String id) {
        return table(draft(artistId, id).csv()).header();
    }

    private static Map<String, String> columnsOf(List<String> header, Map<String, Integer> chosen) {
        Map<String, String> columns = new LinkedHashMap<>();
        FIELDS.forEach(f -> columns.put(f, chosen.containsKey(f) ? header.get(chosen.get(f)) : ""));
        return columns;
    }

    private Draft draft(String artistId, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT release_id, file_name, csv_text FROM buyer_csv_drafts"
                        + " WHERE id = :id AND artist_id = :a AND created_at > :cutoff")
                .bind("id", id).bind("a", artistId).bind("cutoff", Instant.now().minus(KEPT))
                .map((rs, ctx) -> new Draft(rs.getString(1), rs.getString(2), rs.getString(3))).findOne())
                .orElseThrow(() -> Refusal.notFound("This file is no longer kept; choose it again."));
    }

    private static BuyerCsv.Table table(String csv) {
        try {
            return BuyerCsv.read(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
