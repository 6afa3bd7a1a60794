package io.peerclaw.node.boot;

import io.peerclaw.node.config.NodeConfig;
import io.peerclaw.node.config.Secret;
import io.peerclaw.shared.crypto.Encoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Secrets the node needs but the configuration may leave out. There is no built-in fallback secret
 * anywhere: a missing session secret is generated once (384 random bits) and kept in the data
 * folder, readable by the node's user only.
 */
final class NodeSecrets {
    static final String JWT_SECRET_FILE = "jwt-secret";

    private NodeSecrets() {}

    /** The data folder, created if needed and closed to other users. */
    static void prepareDataDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            restrict(directory, "rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + directory, e);
        }
    }

    static Secret sessionSecret(NodeConfig config, SecureRandom random) {
        if (!config.userAuth().jwtSecret().isEmpty()) {
            return config.userAuth().jwtSecret();
        }
        Path file = config.dataDirectory().resolve(JWT_SECRET_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[48];
                random.nextBytes(bytes);
                try {
                    Files.createFile(
                            file,
                            PosixFilePermissions.asFileAttribute(
                                    PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(
                            file,
                            Encoding.base64(bytes) + "\n",
                            StandardOpenOption.TRUNCATE_EXISTING);
                } catch (FileAlreadyExistsException raced) {
                    // another start created it first; read theirs below
                }
            }
            restrict(file, "rw-------");
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.length() < 32) {
                throw new IllegalStateException(
                        file
                                + " does not hold a usable secret; delete it to have a new one"
                                + " generated");
            }
            return new Secret(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")
                && !Files.getPosixFilePermissions(path)
                        .equals(Set.copyOf(PosixFilePermissions.fromString(permissions)))) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
