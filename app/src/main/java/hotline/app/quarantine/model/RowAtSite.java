package hotline.app.quarantine.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One key's row as one site holds it.
 *
 * @param present     whether the site has a row with the key
 * @param version     its {@code row_version} (0 for an unversioned table)
 * @param committedAt when the row version committed at that site, that site's clock; null when unknown
 *                    ({@code track_commit_timestamp} was off when it was written)
 * @param content     the row without its {@code row_version}, canonical (same columns, same order at both sites),
 *                    compared for equality
 */
public record RowAtSite(boolean present, long version, Instant committedAt, String content) {

    public static final RowAtSite ABSENT = new RowAtSite(false, 0, null, null);

    public RowAtSite {
        if (present) {
            Objects.requireNonNull(content, "content of a present row");
        }
    }

    public static RowAtSite of(long version, Instant committedAt, String content) {
        return new RowAtSite(true, version, committedAt, content);
    }

    /** The same values in every column but the version: overwriting one with the other loses nothing. */
    boolean sameContentAs(RowAtSite other) {
        return present && other.present && content.equals(other.content);
    }
}
