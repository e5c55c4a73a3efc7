package hotline.app.drill;

import hotline.app.drill.model.EvidenceChain;
import hotline.app.drill.model.SampleEvidence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceChainTest {

    /** Three records chained as the store chains them. */
    private static List<EvidenceChain.Link> chainOfThree() {
        List<EvidenceChain.Link> links = new ArrayList<>();
        String previous = EvidenceChain.GENESIS;
        for (int seq = 1; seq <= 3; seq++) {
            UUID id = new UUID(0, seq);
            String json = EvidenceJson.canonical(SampleEvidence.switchover(id, new BigDecimal("1." + seq)));
            String hash = EvidenceChain.hash(previous, json);
            links.add(new EvidenceChain.Link(seq, id, previous, hash, json));
            previous = hash;
        }
        return links;
    }

    @Test
    void aChainOfThreeVerifies() {
        List<EvidenceChain.Link> links = chainOfThree();

        EvidenceChain.Verification v = EvidenceChain.verify(links);

        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(3);
        assertThat(v.headSeq()).isEqualTo(3);
        assertThat(v.headHash()).isEqualTo(links.get(2).hash()).matches("[0-9a-f]{64}");
        assertThat(links.get(0).previousHash()).isEqualTo("0".repeat(64));
    }

    @Test
    void changingAFigureInRecordTwoIsDetectedAtTwo() {
        List<EvidenceChain.Link> links = chainOfThree();
        EvidenceChain.Link two = links.get(1);
        String tampered = two.canonicalJson().replace("\"value\":1.2", "\"value\":0.9");
        assertThat(tampered).isNotEqualTo(two.canonicalJson());
        links.set(1, new EvidenceChain.Link(two.seq(), two.id(), two.previousHash(), two.hash(), tampered));

        EvidenceChain.Verification v = EvidenceChain.verify(links);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(2);
        assertThat(v.firstBreak().problem()).contains("changed after it was recorded");
        assertThat(v.verifiedRecords()).isEqualTo(1);
        assertThat(v.covers(1)).isTrue();
        assertThat(v.covers(2)).isFalse();
    }

    @Test
    void rehashingTheChangedRecordMovesTheBreakToTheNextOne() {
        List<EvidenceChain.Link> links = chainOfThree();
        EvidenceChain.Link two = links.get(1);
        String tampered = two.canonicalJson().replace("\"value\":1.2", "\"value\":0.9");
        links.set(1, new EvidenceChain.Link(two.seq(), two.id(), two.previousHash(),
                EvidenceChain.hash(two.previousHash(), tampered), tampered));

        EvidenceChain.Verification v = EvidenceChain.verify(links);

        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().problem()).contains("a record was removed, inserted or moved");
    }

    @Test
    void deletingRecordTwoIsDetected() {
        List<EvidenceChain.Link> links = chainOfThree();
        links.remove(1);

        EvidenceChain.Verification v = EvidenceChain.verify(links);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().problem()).contains("removed").contains("records #2 are missing");
        assertThat(v.summary()).startsWith("BROKEN at record #3");
    }

    @Test
    void deletingTheFirstRecordIsDetected() {
        List<EvidenceChain.Link> links = chainOfThree();
        links.remove(0);

        EvidenceChain.Verification v = EvidenceChain.verify(links);

        assertThat(v.firstBreak().seq()).isEqualTo(2);
        assertThat(v.firstBreak().problem()).contains("does not start the chain");
    }

    @Test
    void reorderingIsDetected() {
        List<EvidenceChain.Link> links = chainOfThree();
        EvidenceChain.Link two = links.get(1);
        EvidenceChain.Link three = links.get(2);
        // swap their places, renumbered as a forger would
        links.set(1, new EvidenceChain.Link(2, three.id(), three.previousHash(), three.hash(), three.canonicalJson()));
        links.set(2, new EvidenceChain.Link(3, two.id(), two.previousHash(), two.hash(), two.canonicalJson()));

        EvidenceChain.Verification v = EvidenceChain.verify(links);

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak().seq()).isEqualTo(2);
        assertThat(v.firstBreak().id()).isEqualTo(three.id());
    }

    @Test
    void anExtraCheckNamesTheFirstRecordItRejects() {
        List<EvidenceChain.Link> links = chainOfThree();

        EvidenceChain.Verification v = EvidenceChain.verify(links, link -> link.seq() == 3
                ? java.util.Optional.of("summary columns differ") : java.util.Optional.empty());

        assertThat(v.firstBreak().seq()).isEqualTo(3);
        assertThat(v.firstBreak().problem()).isEqualTo("summary columns differ");
    }

    @Test
    void anEmptyChainIsIntactAndItsHeadIsTheGenesis() {
        EvidenceChain.Verification v = EvidenceChain.verify(List.of());

        assertThat(v.intact()).isTrue();
        assertThat(v.headHash()).isEqualTo(EvidenceChain.GENESIS);
        assertThat(v.summary()).isEqualTo("no drill evidence recorded yet");
    }

    @Test
    void theHashIsSha256OfThePreviousHashFollowedByTheCanonicalText() {
        // printf '%s%s' 0000…0000 '{"a":1}' | sha256sum
        assertThat(EvidenceChain.hash(EvidenceChain.GENESIS, "{\"a\":1}"))
                .isEqualTo("fc6cee09194dd2578bd7664604fcb72a539066fd34544cea0009c43eb6cdc289");
    }
}
