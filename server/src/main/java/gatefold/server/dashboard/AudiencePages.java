package gatefold.server.dashboard;

import gatefold.server.accounts.CurrentArtist.SignedIn;
import gatefold.server.audience.AnnouncementProgress;
import gatefold.server.audience.Announcements;
import gatefold.server.audience.FollowState;
import gatefold.server.audience.Follower;
import gatefold.server.audience.Follows;
import gatefold.server.common.Refusal;
import gatefold.server.http.ErrorPages;
import gatefold.web.views.dashboard.AnnouncementRow;
import gatefold.web.views.dashboard.AnnouncementsPage;
import gatefold.web.views.dashboard.FollowerRow;
import gatefold.web.views.dashboard.FollowersPage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The artist's audience: who follows (with the CSV export and a list import) and announcements to them. */
final class AudiencePages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int SHOWN_ANNOUNCEMENTS = 50;
    private final Dashboard dashboard;
    private final Follows follows;
    private final Announcements announcements;

    AudiencePages(Dashboard dashboard, Follows follows, Announcements announcements) {
        this.dashboard = dashboard;
        this.follows = follows;
        this.announcements = announcements;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/dashboard/followers", dashboard.page((ctx, s) -> followers(ctx, s, "", null, null)));
        routes.post("/dashboard/followers/import", dashboard.form(this::importList));
        routes.get("/dashboard/announcements", dashboard.page((ctx, s) -> announcements(ctx, s, "", "", null,
                ctx.queryParam("sent") == null ? null : "Your announcement is on its way to your followers.")));
        routes.post("/dashboard/announcements", dashboard.form(this::announce));
    }

    private void followers(Context ctx, SignedIn s, String importText, String error, String notice) {
        List<Follower> all = follows.of(s.artist());
        List<FollowerRow> rows = all.stream().map(f -> new FollowerRow(f.email(), f.state().id(), f.source().id(),
                when(f.createdAt()), when(f.consentedAt()))).toList();
        dashboard.render(ctx, "dashboard/followers.jte", new FollowersPage(dashboard.nav(s, "Followers", "followers"),
                count(all, FollowState.FOLLOWING), count(all, FollowState.PENDING), count(all, FollowState.LEFT), rows,
                "/api/followers.csv", importText, error, notice));
    }

    private void importList(Context ctx, SignedIn s) {
        String text = Optional.ofNullable(ctx.formParam("emails")).orElse("");
        List<String> emails = Arrays.stream(text.split("[\\s,;]+")).filter(e -> !e.isBlank()).toList();
        try {
            if (ctx.formParam("consent") == null) {
                throw Refusal.invalid("Tick \"I have their consent\" to import: only people who agreed may be mailed.");
            }
            if (emails.isEmpty()) {
                throw Refusal.invalid("Paste at least one email address.");
            }
            if (emails.size() > 10_000) {
                throw Refusal.tooLarge("Import at most 10,000 addresses at a time.");
            }
            int added = follows.importList(s.artist(), emails, true);
            followers(ctx, s, "", null, "Imported " + added + " new " + (added == 1 ? "address" : "addresses")
                    + (added < emails.size() ? " (the others were on your list already)." : "."));
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            followers(ctx, s, text, refused.getMessage(), null);
        }
    }

    private void announcements(Context ctx, SignedIn s, String subject, String body, String error, String notice) {
        List<AnnouncementRow> rows = announcements.progress(s.artist(), SHOWN_ANNOUNCEMENTS).stream()
                .map(AudiencePages::row).toList();
        int following = count(follows.of(s.artist()), FollowState.FOLLOWING);
        dashboard.render(ctx, "dashboard/announcements.jte", new AnnouncementsPage(dashboard.nav(s, "Announcements",
                "announcements"), following, subject, body, rows, error, notice));
    }

    /** Queued on the mail lane; the page answers at once and the counts show the job's progress. */
    private void announce(Context ctx, SignedIn s) {
        String subject = Optional.ofNullable(ctx.formParam("subject")).orElse("").strip();
        String body = Optional.ofNullable(ctx.formParam("body")).orElse("").strip();
        try {
            announcements.note(s.artist(), subject, body);
        } catch (Refusal refused) {
            ctx.status(ErrorPages.status(refused));
            announcements(ctx, s, subject, body, refused.getMessage(), null);
            return;
        }
        Dashboard.seeOther(ctx, "/dashboard/announcements?sent=1");
    }

    private static AnnouncementRow row(AnnouncementProgress p) {
        return new AnnouncementRow(when(p.announcement().announcedAt()), p.announcement().subject(),
                p.announcement().releaseId() != null, p.sent(), p.pending());
    }

    private static int count(List<Follower> all, FollowState state) {
        return (int) all.stream().filter(f -> f.state() == state).count();
    }

    private static String when(Instant at) {
        return at == null ? "" : WHEN.format(at);
    }
}
