package hotline.app.quarantine.model;

/**
 * Whether one key's row at a demoted old active site is an <em>orphan change</em> — committed there, never
 * replicated to the new active (not by CDC, not by the journal replay) — and of which kind. Applied to every key
 * the old active changed after the watermark, and to every key the new active holds from before its promotion
 * that the old active no longer has.
 *
 * <ol>
 *   <li>The old active has the row:
 *     <ol>
 *       <li>committed outside the {@link ScanWindow} (at or before what the new active had applied from it, or after
 *           its demotion): not an orphan. An unknown commit time counts as inside (reported rather than lost);</li>
 *       <li>the new active has the key with the same content (every column but {@code row_version}): it arrived, or
 *           the old active rewrote identical values (e.g. seeding at start-up) — overwriting it loses nothing, not an
 *           orphan;</li>
 *       <li>the new active's journal replay applied this very version: it arrived (the new active may have changed
 *           it since, that is its own change), not an orphan;</li>
 *       <li>the new active has no such key: {@link OrphanKind#ONLY_AT_OLD_ACTIVE};</li>
 *       <li>the new active's row committed before its promotion (it is still the copy it received):
 *           {@link OrphanKind#ONLY_AT_OLD_ACTIVE};</li>
 *       <li>otherwise (the new active changed the key after its promotion, or when is unknown):
 *           {@link OrphanKind#CHANGED_AT_BOTH_SITES}.</li>
 *     </ol></li>
 *   <li>The old active has no row, the new active has one that committed there before its promotion: the old
 *       active deleted it after the new active got its copy (CDC applies in commit order, so an earlier delete
 *       would have arrived) — {@link OrphanKind#ONLY_AT_OLD_ACTIVE}, a deletion. A new active's row from after its
 *       promotion, or of unknown time, is its own: not reported (a deletion at the old active of a row the new
 *       active then changed cannot be told from a row the new active created, and is not detected).</li>
 * </ol>
 *
 * <p>Invariants: a row version that reached the new active is never reported; a row the old active changed in its
 * active period that did not reach it is always reported, whatever the new active did to the key since (when a
 * commit time is unknown the rule errs towards reporting).
 */
public final class OrphanRule {

    private OrphanRule() {
    }

    public static OrphanVerdict classify(RowAtSite oldActive, RowAtSite newActive, boolean replayedAtNewActive,
                                         ScanWindow window) {
        if (oldActive.present()) {
            if (!window.holdsOldActiveCommit(oldActive.committedAt())) {
                return OrphanVerdict.none("committed at the old active outside its unreplicated window");
            }
            if (oldActive.sameContentAs(newActive)) {
                return OrphanVerdict.none("the new active has the same content");
            }
            if (replayedAtNewActive) {
                return OrphanVerdict.none("the new active applied this version from the journal");
            }
            if (!newActive.present()) {
                return OrphanVerdict.orphan(OrphanKind.ONLY_AT_OLD_ACTIVE,
                        "changed at the old active after the new active's last applied transaction from it; "
                                + "the new active has no row with this key");
            }
            if (before(newActive, window)) {
                return OrphanVerdict.orphan(OrphanKind.ONLY_AT_OLD_ACTIVE,
                        "changed at the old active after the new active's last applied transaction from it; "
                                + "the new active still has the version it had before its promotion");
            }
            return OrphanVerdict.orphan(OrphanKind.CHANGED_AT_BOTH_SITES,
                    "changed at the old active after the new active's last applied transaction from it, and "
                            + (newActive.committedAt() == null || window.promotedAt() == null
                            ? "at the new active at an unknown time" : "at the new active after its promotion"));
        }
        if (newActive.present() && before(newActive, window)) {
            return OrphanVerdict.deletion("deleted at the old active after the new active received the row; "
                    + "the new active has not changed it since its promotion");
        }
        return OrphanVerdict.none(newActive.present() ? "written at the new active after its promotion (or at an unknown time)"
                : "at neither site");
    }

    private static boolean before(RowAtSite newActive, ScanWindow window) {
        return newActive.committedAt() != null && window.promotedAt() != null
                && newActive.committedAt().isBefore(window.promotedAt());
    }
}
