package io.peerclaw.node.directory;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.storage.StorageException;
import io.peerclaw.shared.model.AgentId;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Directory categories and which agents belong to them. The admin routes (another feature) call
 * these use cases; every change empties the directory's page cache, since pages show categories.
 */
public final class Categories {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_SLUG = 64;

    private final CategoryStore store;
    private final Runnable changed;
    private final Supplier<UUID> ids;

    /** A category as listed and as the admin edits it. */
    public record Category(
            String id, String name, String slug, String description, String icon, int sortOrder) {}

    /** What the admin supplies; the id is the node's. */
    public record Draft(
            String name, String slug, String description, String icon, Integer sortOrder) {}

    Categories(CategoryStore store, Runnable changed, Supplier<UUID> ids) {
        this.store = store;
        this.changed = changed;
        this.ids = ids;
    }

    /** Every category, by sort order then name. */
    public List<Category> list() {
        return store.categories();
    }

    /** Creates a category; 400 naming the field when invalid, 409 when name or slug is taken. */
    public Category create(Draft draft) {
        Category category = validated(ids.get().toString(), draft);
        try {
            store.insertCategory(category);
        } catch (StorageException e) {
            throw taken(e);
        }
        changed.run();
        return category;
    }

    /** Changes the fields the draft carries (absent ones stay); 404 when it does not exist. */
    public Category update(String id, Draft draft) {
        Category existing =
                store.categories().stream()
                        .filter(c -> c.id().equals(id))
                        .findFirst()
                        .orElseThrow(() -> ApiException.notFound("no category with id " + id));
        Category category =
                validated(
                        id,
                        new Draft(
                                draft.name() != null ? draft.name() : existing.name(),
                                draft.slug() != null ? draft.slug() : existing.slug(),
                                draft.description() != null
                                        ? draft.description()
                                        : existing.description(),
                                draft.icon() != null ? draft.icon() : existing.icon(),
                                draft.sortOrder() != null
                                        ? draft.sortOrder()
                                        : existing.sortOrder()));
        boolean found;
        try {
            found = store.updateCategory(category);
        } catch (StorageException e) {
            throw taken(e);
        }
        if (!found) {
            throw ApiException.notFound("no category with id " + id);
        }
        changed.run();
        return category;
    }

    /** Deletes a category; its agents simply lose it. 404 when it does not exist. */
    public void delete(String id) {
        if (!store.deleteCategory(id)) {
            throw ApiException.notFound("no category with id " + id);
        }
        changed.run();
    }

    /**
     * Replaces the categories of an agent by slugs. 400 naming {@code categories[i]} for an unknown
     * slug, 404 for an unknown agent.
     */
    public void setAgentCategories(AgentId agent, List<String> slugs) {
        var categoryIds = new LinkedHashSet<String>();
        var errors = new ArrayList<FieldError>();
        for (int i = 0; i < slugs.size(); i++) {
            String slug = slugs.get(i);
            var id =
                    slug == null
                            ? java.util.Optional.<String>empty()
                            : store.categoryIdBySlug(slug);
            if (id.isEmpty()) {
                errors.add(new FieldError("categories[" + i + "]", "is not a known category"));
            } else {
                categoryIds.add(id.get());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!store.setAgentCategories(agent.value(), categoryIds)) {
            throw ApiException.notFound("no agent with id " + agent);
        }
        changed.run();
    }

    static boolean isSlug(String text) {
        return text.length() <= MAX_SLUG && SLUG.matcher(text).matches();
    }

    private static Category validated(String id, Draft draft) {
        var errors = new ArrayList<FieldError>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "must be 1 to 100 characters"));
        }
        String slug = draft.slug() == null ? "" : draft.slug();
        if (!isSlug(slug)) {
            errors.add(
                    new FieldError(
                            "slug",
                            "must be lower-case letters and digits joined by single hyphens, at"
                                    + " most "
                                    + MAX_SLUG
                                    + " characters"));
        }
        String description = draft.description() == null ? "" : draft.description();
        if (description.length() > 1000) {
            errors.add(new FieldError("description", "must be at most 1000 characters"));
        }
        String icon = draft.icon() == null ? "" : draft.icon();
        if (icon.length() > 200) {
            errors.add(new FieldError("icon", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Category(
                id,
                name,
                slug,
                description,
                icon,
                draft.sortOrder() == null ? 0 : draft.sortOrder());
    }

    private static RuntimeException taken(StorageException e) {
        if (e.isUniqueViolation()) {
            return ApiException.conflict("a category with this name or slug exists");
        }
        return e;
    }
}
