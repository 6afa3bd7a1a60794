package io.peerclaw.node.directory;

import io.peerclaw.node.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The categories and which agents are in them. */
final class CategoryStore {
    private final Database database;

    CategoryStore(Database database) {
        this.database = database;
    }

    List<Categories.Category> categories() {
        return database.read(
                sql ->
                        sql.query(
                                "SELECT id, name, slug, description, icon, sort_order FROM"
                                        + " categories ORDER BY sort_order, name",
                                CategoryStore::category));
    }

    Optional<Categories.Category> category(String id) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT id, name, slug, description, icon, sort_order FROM"
                                        + " categories WHERE id = ?",
                                CategoryStore::category,
                                id));
    }

    Optional<String> categoryIdBySlug(String slug) {
        return database.read(
                sql ->
                        sql.queryOne(
                                "SELECT id FROM categories WHERE slug = ?",
                                r -> r.getString(1),
                                slug));
    }

    private static Categories.Category category(ResultSet r) throws SQLException {
        return new Categories.Category(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getInt(6));
    }

    void insertCategory(Categories.Category c) {
        database.read(
                sql ->
                        sql.update(
                                "INSERT INTO categories (id, name, slug, description, icon,"
                                        + " sort_order) VALUES (?, ?, ?, ?, ?, ?)",
                                c.id(),
                                c.name(),
                                c.slug(),
                                c.description(),
                                c.icon(),
                                c.sortOrder()));
    }

    boolean updateCategory(Categories.Category c) {
        return database.read(
                        sql ->
                                sql.update(
                                        "UPDATE categories SET name = ?, slug = ?, description = ?,"
                                                + " icon = ?, sort_order = ? WHERE id = ?",
                                        c.name(),
                                        c.slug(),
                                        c.description(),
                                        c.icon(),
                                        c.sortOrder(),
                                        c.id()))
                > 0;
    }

    boolean deleteCategory(String id) {
        return database.read(sql -> sql.update("DELETE FROM categories WHERE id = ?", id)) > 0;
    }

    /** Replaces an agent's categories; false when the agent does not exist. */
    boolean setAgentCategories(String agentId, Collection<String> categoryIds) {
        return database.inTransaction(
                sql -> {
                    if (sql.queryOne(
                                    "SELECT 1 FROM agents WHERE id = ? FOR UPDATE", r -> 1, agentId)
                            .isEmpty()) {
                        return false;
                    }
                    sql.update("DELETE FROM agent_categories WHERE agent_id = ?", agentId);
                    sql.batch(
                            "INSERT INTO agent_categories (agent_id, category_id) VALUES (?, ?)",
                            categoryIds.stream().map(c -> new Object[] {agentId, c}).toList());
                    return true;
                });
    }
}
