package gatefold.server.watch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Packaged films, how films are sold (stream-only, to rent), and rentals' clocks. */
@RegisterConstructorMapper(FilmStream.class)
@RegisterConstructorMapper(FilmOffer.class)
@RegisterConstructorMapper(Rental.class)
@RegisterConstructorMapper(FilmSubtitle.class)
@RegisterConstructorMapper(TrailerChoice.class)
@RegisterConstructorMapper(MadeTrailer.class)
interface WatchDao {

    @SqlQuery("SELECT * FROM film_streams WHERE stream_key = :key")
    Optional<FilmStream> stream(@Bind("key") String key);

    @SqlQuery("SELECT * FROM film_streams WHERE release_id = :releaseId")
    List<FilmStream> streamsOf(@Bind("releaseId") String releaseId);

    @SqlUpdate("""
            INSERT INTO film_streams (stream_key, artist_id, release_id, file_id, prefix, renditions, trailer, bytes, created_at)
            VALUES (:streamKey, :artistId, :releaseId, :fileId, :prefix, :renditions, :trailer, :bytes, :createdAt)""")
    void insertStream(@BindMethods FilmStream stream);

    @SqlQuery("SELECT * FROM film_offers WHERE release_id = :releaseId")
    Optional<FilmOffer> offer(@Bind("releaseId") String releaseId);

    @SqlUpdate("UPDATE film_offers SET stream_only = :streamOnly, rent_price_minor = :rentPriceMinor,"
            + " rent_start_days = :rentStartDays, rent_watch_hours = :rentWatchHours, updated_at = :updatedAt"
            + " WHERE release_id = :releaseId")
    int updateOffer(@BindMethods FilmOffer offer);

    @SqlUpdate("""
            INSERT INTO film_offers (release_id, stream_only, rent_price_minor, rent_start_days, rent_watch_hours, updated_at)
            VALUES (:releaseId, :streamOnly, :rentPriceMinor, :rentStartDays, :rentWatchHours, :updatedAt)""")
    void insertOffer(@BindMethods FilmOffer offer);

    @SqlQuery("SELECT * FROM rentals WHERE entitlement_id = :id")
    Optional<Rental> rental(@Bind("id") String entitlementId);

    @SqlUpdate("INSERT INTO rentals (entitlement_id, start_by, watch_hours) VALUES (:entitlementId, :startBy, :watchHours)")
    void insertRental(@BindMethods Rental rental);

    /** Starts the clock once: of two instances answering the first playlist at once, one sets it. */
    @SqlUpdate("UPDATE rentals SET first_play_at = :at WHERE entitlement_id = :id AND first_play_at IS NULL")
    int startClock(@Bind("id") String entitlementId, @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM film_subtitles WHERE release_id = :releaseId ORDER BY created_at, language")
    List<FilmSubtitle> subtitles(@Bind("releaseId") String releaseId);

    @SqlUpdate("""
            INSERT INTO film_subtitles (release_id, language, name, blob_key, bytes, created_at)
            VALUES (:releaseId, :language, :name, :blobKey, :bytes, :createdAt)""")
    void insertSubtitle(@BindMethods FilmSubtitle subtitle);

    /** A release's subtitles in one language, however the language is written ("EN", "en"). */
    @SqlQuery("SELECT * FROM film_subtitles WHERE release_id = :releaseId AND LOWER(language) = LOWER(:language)"
            + " ORDER BY created_at DESC LIMIT 1")
    Optional<FilmSubtitle> subtitle(@Bind("releaseId") String releaseId, @Bind("language") String language);

    /** Removes one upload's row, and only it: 0 when another upload replaced it first. */
    @SqlUpdate("DELETE FROM film_subtitles WHERE release_id = :releaseId AND blob_key = :blobKey")
    int deleteSubtitleAt(@Bind("releaseId") String releaseId, @Bind("blobKey") String blobKey);

    @SqlUpdate("DELETE FROM film_subtitles WHERE release_id = :releaseId AND language = :language")
    int deleteSubtitle(@Bind("releaseId") String releaseId, @Bind("language") String language);

    @SqlQuery("SELECT * FROM film_trailer_choices WHERE release_id = :releaseId")
    Optional<TrailerChoice> trailerChoice(@Bind("releaseId") String releaseId);

    @SqlUpdate("DELETE FROM film_trailer_choices WHERE release_id = :releaseId")
    int deleteTrailerChoice(@Bind("releaseId") String releaseId);

    @SqlUpdate("""
            INSERT INTO film_trailer_choices (release_id, start_ms, length_ms, file_id, updated_at)
            VALUES (:releaseId, :startMs, :lengthMs, :fileId, :updatedAt)""")
    void insertTrailerChoice(@BindMethods TrailerChoice choice);

    @SqlQuery("SELECT * FROM film_trailers WHERE trailer_key = :key")
    Optional<MadeTrailer> trailer(@Bind("key") String trailerKey);

    @SqlUpdate("""
            INSERT INTO film_trailers (trailer_key, artist_id, release_id, blob_key, bytes, created_at)
            VALUES (:trailerKey, :artistId, :releaseId, :blobKey, :bytes, :createdAt)""")
    void insertTrailer(@BindMethods MadeTrailer trailer);

    @SqlQuery("SELECT * FROM film_streams")
    List<FilmStream> allStreams();

    @SqlQuery("SELECT * FROM film_trailers")
    List<MadeTrailer> allTrailers();

    /**
     * The made files the sweep deletes a day after they become unwanted (packages, trailers): one
     * query shape for each step, the table and its key column named here and nowhere else.
     */
    enum Swept {
        STREAMS("film_streams", "stream_key"), TRAILERS("film_trailers", "trailer_key");

        final String table;
        final String keyColumn;

        Swept(String table, String keyColumn) {
            this.table = table;
            this.keyColumn = keyColumn;
        }
    }

    @SqlQuery("SELECT superseded_at FROM <table> WHERE <keyColumn> = :key AND superseded_at IS NOT NULL")
    Optional<Instant> supersededAt(@Define("table") String table, @Define("keyColumn") String keyColumn, @Bind("key") String key);

    /** Marks a row unwanted since {@code at}, or wanted again with null. */
    @SqlUpdate("UPDATE <table> SET superseded_at = :at WHERE <keyColumn> = :key")
    int markSuperseded(@Define("table") String table, @Define("keyColumn") String keyColumn, @Bind("key") String key,
                       @Bind("at") Instant at);

    @SqlUpdate("DELETE FROM <table> WHERE <keyColumn> = :key")
    int deleteSwept(@Define("table") String table, @Define("keyColumn") String keyColumn, @Bind("key") String key);

    @SqlQuery("SELECT * FROM film_subtitles")
    List<FilmSubtitle> allSubtitles();

    /** What an artist's films take in the store: packages, chosen trailers and subtitles. */
    @SqlQuery("""
            SELECT (SELECT COALESCE(SUM(bytes), 0) FROM film_streams WHERE artist_id = :artistId)
                 + (SELECT COALESCE(SUM(bytes), 0) FROM film_trailers WHERE artist_id = :artistId)
                 + (SELECT COALESCE(SUM(bytes), 0) FROM film_subtitles WHERE blob_key LIKE :prefix)""")
    long filmBytes(@Bind("artistId") String artistId, @Bind("prefix") String keyPrefix);
}
