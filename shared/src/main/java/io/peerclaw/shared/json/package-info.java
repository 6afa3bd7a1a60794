/** The one configured Jackson mapper; the only package of {@code shared} that sees Jackson. */
package io.peerclaw.shared.json;
