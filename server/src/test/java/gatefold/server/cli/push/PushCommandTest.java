package gatefold.server.cli.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PushCommandTest {

    private static final long MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ARTISTS = new AtomicInteger();
    private static TestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startStore() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopStore() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pushesAFolderIntoANewReleaseWithEveryFileWholeAndChecked() throws Exception {
        pushFolderAndCheck(server);
    }

    @Test
    void pushesAFolderThroughS3PresignedPartUrls() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        String bucket = s3.createFreshBucket();
        try (TestServer s3Store = TestServer.start(Map.of("GATEFOLD_STORE", "s3",
                "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(), "GATEFOLD_S3_BUCKET", bucket,
                "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(), "GATEFOLD_S3_SECRET_KEY", s3.secretKey()))) {
            pushFolderAndCheck(s3Store);
        }
    }

    @Test
    void anInterruptedPushResumesWithOnlyTheMissingPartsAndTheSameRelease() throws Exception {
        String token = newArtist(server);
        Path dir = Files.createDirectory(tmp.resolve("tape"));
        randomFile(dir.resolve("side-a.bin"), 20 * MIB, 7);
        randomFile(dir.resolve("side-b.bin"), 300_000, 8);
        randomFile(dir.resolve("tracklist.txt"), 2_000, 9);
        String[] args = {dir.toString(), "--server", server.url(""), "--token", token, "--new", "Tape", "--kind", "other"};

        PushCommand cutOff = new PushCommand();
        cutOff.stopAfterParts = 2;
        Run first = run(cutOff, withParallel(args, 1));
        assertThat(first.exit).isEqualTo(1);
        assertThat(first.err).contains("gatefold push: stopped after 2 parts");
        JsonNode state = JSON.readTree(dir.resolve(PushState.FILE_NAME).toFile());
        String uploadId = state.path("files").path("side-a.bin").path("uploadId").asText();
        JsonNode upload = api(server, token, "GET", "/api/uploads/" + uploadId);
        assertThat(upload.path("partCount").asInt()).isEqualTo(3);
        assertThat(upload.path("parts")).hasSize(2);

        PushCommand resumed = new PushCommand();
        Run second = run(resumed, args);
        assertThat(second.exit).as(second.err).isEqualTo(0);
        assertThat(resumed.partsSent).isEqualTo(3);
        assertThat(second.out).contains("2 already in the store");
        JsonNode releases = api(server, token, "GET", "/api/releases");
        assertThat(releases).hasSize(1);
        assertStoredExactly(server, token, releases.get(0).path("id").asText(), dir);
    }

    @Test
    void aFileChangedAfterAnInterruptionIsSentAfreshNotPatched() throws Exception {
        String token = newArtist(server);
        Path dir = Files.createDirectory(tmp.resolve("remaster"));
        Path master = dir.resolve("master.bin");
        randomFile(master, 12 * MIB, 31);
        String[] args = {dir.toString(), "--server", server.url(""), "--token", token, "--new", "Remaster",
                "--kind", "other", "--parallel", "1"};
        PushCommand cutOff = new PushCommand();
        cutOff.stopAfterParts = 1;
        assertThat(run(cutOff, args).exit).isEqualTo(1);
        String oldUpload = JSON.readTree(dir.resolve(PushState.FILE_NAME).toFile())
                .path("files").path("master.bin").path("uploadId").asText();

        randomFile(master, 12 * MIB, 32);
        Files.setLastModifiedTime(master, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(master).toMillis() + 10_000));
        PushCommand again = new PushCommand();
        Run rerun = run(again, args);

        assertThat(rerun.exit).as(rerun.err).isEqualTo(0);
        assertThat(again.partsSent).isEqualTo(2);
        assertThat(server.get("/api/uploads/" + oldUpload, "Authorization", "Bearer " + token).statusCode()).isEqualTo(404);
        JsonNode file = api(server, token, "GET", "/api/releases").get(0).path("files").get(0);
        assertThat(file.path("sha256").asText()).isEqualTo(sha256(master));
    }

    @Test
    void aPartWhoseConnectionDropsIsSentAgain() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy();
             TestServer store = TestServer.start(Map.of("GATEFOLD_BASE_URL", proxy.url()))) {
            proxy.forwardTo(store.url(""));
            String token = newArtist(store);
            Path dir = Files.createDirectory(tmp.resolve("live"));
            Path set = dir.resolve("live-set.bin");
            randomFile(set, 10 * MIB, 21);

            PushCommand push = new PushCommand();
            Run run = run(push, dir.toString(), "--server", store.url(""), "--token", token,
                    "--new", "Live", "--kind", "other", "--parallel", "1");

            assertThat(run.exit).as(run.err).isEqualTo(0);
            assertThat(push.partsSent).isEqualTo(2);
            assertThat(proxy.partPuts()).isEqualTo(3);
            JsonNode file = api(store, token, "GET", "/api/releases").get(0).path("files").get(0);
            assertThat(file.path("size").asLong()).isEqualTo(10 * MIB);
            assertThat(file.path("sha256").asText()).isEqualTo(sha256(set));
        }
    }

    @Test
    void aSecondPushOfAFinishedFolderSendsNothing() throws Exception {
        String token = newArtist(server);
        Path dir = Files.createDirectory(tmp.resolve("ep"));
        randomFile(dir.resolve("master.bin"), 9 * MIB, 11);
        randomFile(dir.resolve("readme.txt"), 1_500, 12);
        String[] args = {dir.toString(), "--server", server.url(""), "--token", token, "--new", "EP", "--kind", "other"};
        assertThat(run(new PushCommand(), args).exit).isEqualTo(0);
        String releaseId = api(server, token, "GET", "/api/releases").get(0).path("id").asText();
        JsonNode filesBefore = api(server, token, "GET", "/api/releases/" + releaseId + "/files");

        PushCommand again = new PushCommand();
        Run rerun = run(again, args);
        assertThat(rerun.exit).as(rerun.err).isEqualTo(0);
        assertThat(again.partsSent).isZero();
        assertThat(rerun.out).contains("master.bin  9.0 MiB  already uploaded", "readme.txt  1.5 KiB  already uploaded")
                .contains("Sent 0 files");

        // Without the state file the store's SHA-256 still shows nothing needs sending.
        Files.delete(dir.resolve(PushState.FILE_NAME));
        PushCommand byId = new PushCommand();
        Run fresh = run(byId, dir.toString(), "--server", server.url(""), "--token", token, "--release", releaseId);
        assertThat(fresh.exit).as(fresh.err).isEqualTo(0);
        assertThat(byId.partsSent).isZero();
        assertThat(api(server, token, "GET", "/api/releases")).hasSize(1);
        assertThat(api(server, token, "GET", "/api/releases/" + releaseId + "/files")).isEqualTo(filesBefore);
    }

    @Test
    void aWrongTokenStopsThePushWithAClearMessageAndNeverShowsTheToken() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("demo"));
        randomFile(dir.resolve("demo.bin"), 1_000, 13);
        String wrong = "gfk_not-a-real-token-4b1d";
        Run run = run(new PushCommand(), dir.toString(), "--server", server.url(""), "--token", wrong,
                "--new", "Demo", "--kind", "other");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).startsWith("gatefold push: ").contains("did not accept the API token");
        assertThat(run.out + run.err).doesNotContain(wrong);
    }

    @Test
    void aFileTheReleaseKindCannotHoldIsRefusedWhileTheOthersGo() throws Exception {
        String token = newArtist(server);
        Path dir = Files.createDirectory(tmp.resolve("single"));
        randomFile(dir.resolve("stems.bin"), 5_000, 14);
        Path cover = dir.resolve("cover.png");
        pngFile(cover, 40_000, 15);
        Run run = run(new PushCommand(), dir.toString(), "--server", server.url(""), "--token", token,
                "--new", "Single", "--kind", "music", "--price", "1.00");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).contains("gatefold push: stems.bin: ").contains("a master of a music release must be one of");
        JsonNode release = api(server, token, "GET", "/api/releases").get(0);
        assertThat(release.path("pricing").asText()).isEqualTo("fixed");
        assertThat(release.path("files")).hasSize(1);
        assertThat(release.path("files").get(0).path("name").asText()).isEqualTo("cover.png");
        assertThat(release.path("files").get(0).path("sha256").asText()).isEqualTo(sha256(cover));
    }

    @Test
    void contradictoryOptionsAreRefusedBeforeAnythingIsSent() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("nothing"));
        randomFile(dir.resolve("a.bin"), 10, 16);
        Run both = run(new PushCommand(), dir.toString(), "--server", server.url(""), "--token", "t",
                "--release", "rel_x", "--new", "X", "--kind", "other");
        assertThat(both.exit).isEqualTo(2);
        assertThat(both.err).contains("--release ID", "--new TITLE");
        Run noKind = run(new PushCommand(), dir.toString(), "--server", server.url(""), "--token", "t", "--new", "X");
        assertThat(noKind.exit).isEqualTo(2);
        assertThat(noKind.err).contains("--new needs --kind");
        assertThat(dir.resolve(PushState.FILE_NAME)).doesNotExist();
    }

    /** Case (1) on any store: a big file in several parts, a cover, a small file, an empty one and a hidden one. */
    private void pushFolderAndCheck(TestServer store) throws Exception {
        String token = newArtist(store);
        Path dir = Files.createDirectory(tmp.resolve("field-recordings"));
        randomFile(dir.resolve("field.bin"), 20 * MIB, 1);
        pngFile(dir.resolve("cover.png"), 100_000, 2);
        randomFile(dir.resolve("notes.txt"), 3_000, 3);
        Files.createFile(dir.resolve("empty notes.txt"));
        randomFile(dir.resolve(".DS_Store"), 500, 4);

        Run run = run(new PushCommand(), dir.toString(), "--server", store.url(""), "--token", token,
                "--new", "Field Recordings", "--kind", "other", "--parallel", "3");

        assertThat(run.exit).as(run.err).isEqualTo(0);
        assertThat(run.err).isEmpty();
        assertThat(run.out).contains("field.bin  20.0 MiB  sent (3 parts)", "field.bin  sha256 ")
                .contains("Sent 4 files").contains("4 checked against the store's SHA-256");
        JsonNode releases = api(store, token, "GET", "/api/releases");
        assertThat(releases).hasSize(1);
        JsonNode release = releases.get(0);
        assertThat(release.path("title").asText()).isEqualTo("Field Recordings");
        assertThat(release.path("pricing").asText()).isEqualTo("free");
        assertThat(run.out).contains(release.path("url").asText());
        assertStoredExactly(store, token, release.path("id").asText(), dir);
        Map<String, String> roles = new HashMap<>();
        api(store, token, "GET", "/api/releases/" + release.path("id").asText() + "/files")
                .forEach(f -> roles.put(f.path("name").asText(), f.path("role").asText()));
        assertThat(roles).containsEntry("cover.png", "cover").containsEntry("field.bin", "master");
    }

    /** The release holds exactly the folder's visible files, each with its size and SHA-256. */
    private static void assertStoredExactly(TestServer store, String token, String releaseId, Path dir) throws Exception {
        JsonNode files = api(store, token, "GET", "/api/releases/" + releaseId + "/files");
        Map<String, JsonNode> byName = new HashMap<>();
        files.forEach(f -> byName.put(f.path("name").asText(), f));
        List<String> expected = new ArrayList<>();
        try (var listing = Files.list(dir)) {
            listing.filter(p -> !p.getFileName().toString().startsWith(".")).forEach(p -> expected.add(p.getFileName().toString()));
        }
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (String name : expected) {
            Path local = dir.resolve(name);
            JsonNode stored = byName.get(name);
            assertThat(stored.path("size").asLong()).as(name).isEqualTo(Files.size(local));
            assertThat(stored.path("verified").asBoolean()).as(name).isTrue();
            assertThat(stored.path("sha256").asText()).as(name).isEqualTo(sha256(local));
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(PushCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.firstRetryPause = java.time.Duration.ofMillis(50);
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String[] withParallel(String[] args, int parallel) {
        String[] more = java.util.Arrays.copyOf(args, args.length + 2);
        more[args.length] = "--parallel";
        more[args.length + 1] = Integer.toString(parallel);
        return more;
    }

    private static String newArtist(TestServer store) {
        int n = ARTISTS.incrementAndGet();
        String admin = store.gatefold.adminTokenShownOnce().orElseThrow();
        String body = "{\"name\":\"Artist " + n + "\",\"email\":\"artist" + n + "-" + System.nanoTime()
                + "@example.com\",\"password\":\"correct horse battery staple\"}";
        var response = store.send(HttpRequest.newBuilder(URI.create(store.url("/api/artists")))
                .POST(HttpRequest.BodyPublishers.ofString(body)), "Authorization", "Bearer " + admin,
                "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        try {
            return JSON.readTree(response.body()).path("apiToken").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode api(TestServer store, String token, String method, String path) throws IOException {
        var response = store.send(HttpRequest.newBuilder(URI.create(store.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody()), "Authorization", "Bearer " + token);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Pseudo-random bytes written in small chunks, never held whole. */
    static void randomFile(Path path, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (long left = size; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    /** A file the store sniffs as PNG: the PNG signature, then noise. */
    private static void pngFile(Path path, long size, long seed) throws IOException {
        randomFile(path, size, seed);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
        try (var channel = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(signature), 0);
        }
    }

    static String sha256(Path path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
