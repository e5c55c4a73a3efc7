package hotline.app.drill;

import hotline.app.drill.model.DrillEvidence;
import hotline.app.drill.model.EvidenceChain;
import java.time.Instant;

/**
 * Drill evidence as stored: its place in the chain, the exact canonical text that was hashed, the hashes, and
 * where and when it was appended (the last three are bookkeeping, outside the hash).
 */
public record ChainedEvidence(long seq, DrillEvidence evidence, String canonicalJson, String previousHash, String hash,
                              Instant recordedAt, String recordedBy, String recordedSite) {

    /** {@code {"evidence":…,"hash":…,"previousHash":…}}: what {@code GET /api/ops/drills/{id}} answers. */
    public String exportJson() {
        return EvidenceJson.export(canonicalJson, hash, previousHash);
    }

    public EvidenceChain.Link link() {
        return new EvidenceChain.Link(seq, evidence.id(), previousHash, hash, canonicalJson);
    }

    /** Whether the stored text still gives the stored hash (the record alone, not the chain). */
    public boolean hashMatches() {
        return EvidenceChain.hash(previousHash, canonicalJson).equals(hash);
    }
}
