package gatefold.server.delivery;

import gatefold.server.security.InstanceSettings;
import gatefold.server.security.Tokens;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fans' IP addresses are never stored: only a hash with a salt that changes every UTC
 * day (shared by all instances), enough to tell downloads apart within a day.
 */
public final class AddressHash {

    private final InstanceSettings settings;
    private final AtomicReference<DailySalt> current = new AtomicReference<>(new DailySalt(LocalDate.MIN, ""));

    private record DailySalt(LocalDate day, String salt) {
    }

    public AddressHash(InstanceSettings settings) {
        this.settings = settings;
    }

    public String of(String address) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DailySalt salt = current.get();
        if (!salt.day().equals(today)) {
            salt = new DailySalt(today, settings.getOrCreate("ip_salt_" + today, () -> Tokens.randomBase64(16)).value());
            current.set(salt);
        }
        return Tokens.hash(salt.salt() + "|" + address);
    }

    /** Deletes the salts of days that have ended: their hashes can then never be matched to an address again. */
    void forgetEndedDays() {
        settings.deleteStartingWith("ip_salt_", "ip_salt_" + LocalDate.now(ZoneOffset.UTC));
    }
}
