package io.peerclaw.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** How the settings file is replaced: atomically, and readable by its owner only once private. */
final class ConfigFileWrites {
    private ConfigFileWrites() {}

    /** Written beside the target and moved over it, so a crash never leaves half a file. */
    static void write(Path target, byte[] text, boolean secret) {
        Path folder = target.toAbsolutePath().getParent();
        try {
            Path temporary = Files.createTempFile(folder, ".settings-", ".yaml");
            try {
                if (secret || Files.exists(target) && isPrivate(target)) {
                    restrict(temporary);
                }
                Files.write(temporary, text);
                try {
                    Files.move(
                            temporary,
                            target,
                            StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the config file " + target + ": " + e.getMessage(), e);
        }
    }

    private static boolean isPrivate(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file)
                    .equals(PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder's own protection has to do.
        }
    }
}
