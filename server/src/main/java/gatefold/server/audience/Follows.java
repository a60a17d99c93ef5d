package gatefold.server.audience;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.common.Emails;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.server.http.ClientAddress;
import gatefold.server.mail.Mailer;
import gatefold.server.security.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Fans following artists by email. Nothing but the confirmation mail is sent before the fan
 * clicks its link (double opt-in), and the form answers the same whether the address was
 * new, pending or following, so it tells a stranger nothing about who follows whom.
 */
public final class Follows {

    static final Duration CONFIRM_WITHIN = Duration.ofHours(48);
    private final Jdbi jdbi;
    private final Accounts accounts;
    private final Mailer mailer;
    private final FollowerMails mails;
    private final FollowLimiter limiter;
    private final Clock clock;

    Follows(Jdbi jdbi, Accounts accounts, Mailer mailer, FollowerMails mails, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.mailer = mailer;
        this.mails = mails;
        this.limiter = new FollowLimiter(jdbi);
        this.clock = clock;
    }

    /** A fan asks to follow: throttled, then a confirmation mail unless the address follows already. */
    public void ask(String artistSlug, String rawEmail, FollowSource source, ClientAddress from) {
        Artist artist = artist(artistSlug);
        String email = Emails.normalize(rawEmail);
        limiter.admit(from, email, clock.instant());
        ask(artist, email, source);
    }

    /** The same without the throttle, for a buyer who ticked the box at checkout (their purchase was the request). */
    void ask(Artist artist, String email, FollowSource source) {
        String token = Tokens.generate("follow");
        Instant now = clock.instant();
        Instant expires = now.plus(CONFIRM_WITHIN);
        FollowerDao dao = jdbi.onDemand(FollowerDao.class);
        Optional<Follower> known = dao.find(artist.id(), email);
        boolean send;
        if (known.isPresent()) {
            send = dao.askAgain(known.get().id(), Tokens.hash(token), expires, source) == 1;
        } else {
            send = insertPending(dao, new Follower(Ids.next("fol"), artist.id(), email, FollowState.PENDING, source,
                    Tokens.hash(token), expires, Tokens.generate("leave"), now, null, null));
        }
        if (send) {
            mailer.send(mails.confirmation(artist, email, token));
        }
    }

    /** False when another request added the address first: that one sends the mail. */
    private static boolean insertPending(FollowerDao dao, Follower follower) {
        try {
            dao.insert(follower);
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Who a confirmation link is for, if it is still usable; 404 unknown, 410 expired. */
    public Follower pending(String token) {
        Follower follower = jdbi.onDemand(FollowerDao.class).byConfirmHash(Tokens.hash(token))
                .orElseThrow(() -> Refusal.notFound("This confirmation link is not known; it may have been used already."));
        if (!follower.confirmExpires().isAfter(clock.instant())) {
            throw Refusal.gone("This confirmation link has expired; follow again to get a new one.");
        }
        return follower;
    }

    /** The fan clicked: they follow from now on. */
    public Follower confirm(String token) {
        Follower follower = pending(token);
        jdbi.onDemand(FollowerDao.class).confirm(follower.id(), clock.instant());
        return jdbi.onDemand(FollowerDao.class).find(follower.artistId(), follower.email()).orElseThrow();
    }

    /** Whose unsubscribe link this is; 404 for an unknown one. */
    public Follower byLeaveToken(String token) {
        return jdbi.onDemand(FollowerDao.class).byLeaveToken(token)
                .orElseThrow(() -> Refusal.notFound("This unsubscribe link is not known."));
    }

    /** Unsubscribes for good; repeating it changes nothing and is not an error. */
    public Follower leave(String token) {
        Follower follower = byLeaveToken(token);
        jdbi.onDemand(FollowerDao.class).leave(follower.id(), clock.instant());
        return follower;
    }

    public List<Follower> of(Artist artist) {
        return jdbi.onDemand(FollowerDao.class).all(artist.id());
    }

    /** Followers who had confirmed by {@code by}: who hears of what was announced then. */
    List<Follower> reachable(String artistId, Instant by) {
        return jdbi.onDemand(FollowerDao.class).reachable(artistId, by);
    }

    /**
     * Adds a list the artist brings (they confirm they have consent); addresses already known,
     * in any state, are left as they are, so nobody who unsubscribed comes back. Returns how many were added.
     */
    public int importList(Artist artist, List<String> emails, boolean consent) {
        if (!consent) {
            throw Refusal.invalid("Confirm that everyone on the list agreed to hear from you ('consent': true).");
        }
        List<String> clean = emails.stream().map(Emails::normalize).distinct().toList();
        FollowerDao dao = jdbi.onDemand(FollowerDao.class);
        Instant now = clock.instant();
        int added = 0;
        for (String email : clean) {
            if (dao.find(artist.id(), email).isEmpty() && insertPending(dao, new Follower(Ids.next("fol"), artist.id(), email,
                    FollowState.FOLLOWING, FollowSource.IMPORT, null, null, Tokens.generate("leave"), now, now, null))) {
                added++;
            }
        }
        return added;
    }

    Artist artist(String slug) {
        return accounts.bySlug(slug).orElseThrow(() -> Refusal.notFound("There is no artist at this address."));
    }

    Optional<Artist> artistById(String id) {
        return accounts.byId(id);
    }
}
