package io.peerclaw.node.registry;

import io.peerclaw.node.storage.Database;
import java.util.Optional;

/** The SQL of looking up an agent's registered public key. */
final class RegisteredKeyStore {
    private final Database database;

    RegisteredKeyStore(Database database) {
        this.database = database;
    }

    Optional<String> publicKey(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT public_key FROM agents WHERE id = ?",
                                row -> row.getString(1),
                                id));
    }
}
