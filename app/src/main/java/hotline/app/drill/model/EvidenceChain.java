package hotline.app.drill.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The hash chain that makes drill evidence tamper-evident: every record carries the hash of the one before it.
 *
 * <p>{@code hash = SHA-256(previousHash ‖ canonicalJson)}, both taken as UTF-8 text, the hash written as 64
 * lower-case hex digits; the first record's previous hash is {@link #GENESIS} (64 zeros). Anyone can re-check an
 * exported record with {@code printf '%s%s' "$previousHash" "$evidence" | sha256sum}.
 *
 * <p>{@link #verify} walks the records in chain order and reports the first one that does not fit:
 * <ol>
 *   <li>its content no longer gives its hash (the record was changed after it was appended);</li>
 *   <li>its previous hash is not the hash of the record before it (a record was removed, inserted or moved
 *       before it, or the chain forked);</li>
 *   <li>a check of the caller's (e.g. stored summary columns that must agree with the content) fails.</li>
 * </ol>
 * What a chain alone cannot show: that records were cut off at the end. The head hash is reported so that it can
 * be kept elsewhere (exported evidence, the drill runner's output) and compared.
 */
public final class EvidenceChain {

    public static final String GENESIS = "0".repeat(64);

    private EvidenceChain() {
    }

    /** One stored record as the chain sees it: its position, links and the exact canonical text that was hashed. */
    public record Link(long seq, UUID id, String previousHash, String hash, String canonicalJson) {
    }

    /** Where a chain stops being trustworthy. */
    public record Break(long seq, UUID id, String problem) {
    }

    /**
     * The outcome of a walk: {@code intact} with the number of records and the head, or the first {@link Break}
     * ({@code verifiedRecords} then counts the records before it).
     */
    public record Verification(boolean intact, int records, int verifiedRecords, Long headSeq, String headHash,
                               Break firstBreak) {

        public String summary() {
            if (intact) {
                return records == 0 ? "no drill evidence recorded yet"
                        : "intact: " + records + " record(s), head #" + headSeq + " " + headHash;
            }
            return "BROKEN at record #" + firstBreak.seq() + " (" + firstBreak.id() + "): " + firstBreak.problem()
                    + "; the " + verifiedRecords + " record(s) before it verify";
        }

        /** Whether the record at {@code seq} lies in the verified part of the chain. */
        public boolean covers(long seq) {
            return intact || seq < firstBreak.seq();
        }
    }

    public static String hash(String previousHash, String canonicalJson) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(previousHash.getBytes(StandardCharsets.UTF_8));
            sha.update(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static Verification verify(List<Link> links) {
        return verify(links, link -> Optional.empty());
    }

    /**
     * @param links      the records in chain order (by sequence number)
     * @param extraCheck a problem with one record beyond hash and link (empty when fine)
     */
    public static Verification verify(List<Link> links, Function<Link, Optional<String>> extraCheck) {
        String expectedPrevious = GENESIS;
        Long expectedSeq = null;
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            String problem = null;
            if (!hash(link.previousHash(), link.canonicalJson()).equals(link.hash())) {
                problem = "its content does not give its hash: it was changed after it was recorded";
            } else if (!expectedPrevious.equals(link.previousHash())) {
                String gap = expectedSeq != null && link.seq() != expectedSeq
                        ? " (records #" + expectedSeq + (link.seq() - 1 > expectedSeq ? "–#" + (link.seq() - 1) : "")
                        + " are missing)" : "";
                problem = i == 0
                        ? "it is the first record but does not start the chain: records before it were removed"
                        : "it links to " + abbreviate(link.previousHash()) + " but the record before it has hash "
                        + abbreviate(expectedPrevious) + ": a record was removed, inserted or moved" + gap;
            } else {
                problem = extraCheck.apply(link).orElse(null);
            }
            if (problem != null) {
                return new Verification(false, links.size(), i, null, null, new Break(link.seq(), link.id(), problem));
            }
            expectedPrevious = link.hash();
            expectedSeq = link.seq() + 1;
        }
        Link head = links.isEmpty() ? null : links.get(links.size() - 1);
        return new Verification(true, links.size(), links.size(), head == null ? null : head.seq(),
                head == null ? GENESIS : head.hash(), null);
    }

    private static String abbreviate(String hash) {
        return hash == null ? "nothing" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
