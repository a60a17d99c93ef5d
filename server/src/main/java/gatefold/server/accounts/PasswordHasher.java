package gatefold.server.accounts;

import gatefold.server.common.Refusal;
import gatefold.server.security.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with OWASP's recommended cost.
 * Stored hashes keep their own parameters, so the cost can rise without breaking logins.
 *
 * <p>Each hash takes 19 MiB for its run, so only {@code permits} run at once (about two
 * per core: more would not finish sooner). A request that finds them all busy for half a
 * second gets 429 with Retry-After rather than more memory: a flood of sign-ins slows
 * sign-ins down and never the heap out.
 */
public final class PasswordHasher {

    static final Duration WAIT = Duration.ofMillis(500);
    private final Semaphore running;

    public PasswordHasher(int permits) {
        this.running = new Semaphore(permits, true);
    }

    /** About two hashes per core at once. */
    public static int defaultPermits() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public String hash(String password) {
        byte[] salt = Tokens.randomBytes(16);
        byte[] hash = limited(() -> derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    public boolean verify(String password, String stored) {
        if (stored == null || password == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=");
                int value = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            int memory = m;
            int iterations = t;
            int parallelism = p;
            byte[] actual = limited(() -> derive(password, salt, memory, iterations, parallelism, expected.length));
            return MessageDigest.isEqual(expected, actual);
        } catch (Refusal busy) {
            throw busy;
        } catch (RuntimeException e) {
            // A stored value that is no hash (bad numbers, bad Base64, parameters Argon2 refuses) matches nothing.
            return false;
        }
    }

    /** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
    public void burn(String password) {
        limited(() -> derive(password == null ? "" : password, new byte[16], MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
    }

    private byte[] limited(Supplier<byte[]> work) {
        boolean admitted;
        try {
            admitted = running.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw Refusal.tooMany("Many sign-ins are being checked right now; try again in a few seconds.", Duration.ofSeconds(2));
        }
        try {
            return work.get();
        } finally {
            running.release();
        }
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
