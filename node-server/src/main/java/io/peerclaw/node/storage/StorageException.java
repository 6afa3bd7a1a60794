package io.peerclaw.node.storage;

import java.sql.SQLException;

/** A database failure, unchecked; {@link #isUniqueViolation()} tells a lost insert race apart. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    public StorageException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    public StorageException(String message) {
        super(message);
        this.sqlState = null;
    }

    /** SQLSTATE 23505 on both engines. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }
}
