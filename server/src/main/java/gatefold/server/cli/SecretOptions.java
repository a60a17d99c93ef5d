package gatefold.server.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How export and import learn the passphrase that seals an archive's secrets (a picocli mixin). */
final class SecretOptions {

    @Option(names = "--with-secrets", description = "Carry payment keys, webhook secrets and (whole store only) the"
            + " download-link keys, sealed under a passphrase you type; on import, the archive carries them.")
    boolean withSecrets;

    @Option(names = "--passphrase-file", description = "Read the passphrase from this file instead of the terminal"
            + " (implies --with-secrets).")
    Path passphraseFile;

    /** The passphrase when secrets are wanted; typed twice when {@code confirm}. */
    Optional<char[]> passphrase(boolean confirm) {
        return OfflineStore.passphraseIf(withSecrets, passphraseFile, confirm);
    }
}
