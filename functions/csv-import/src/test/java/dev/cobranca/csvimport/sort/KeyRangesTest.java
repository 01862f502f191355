package dev.cobranca.csvimport.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key-range planning from a sample of keys. */
class KeyRangesTest {

    private static List<byte[]> sample(int n) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(Keys.of("k%04d".formatted(i)));
        }
        return keys;
    }

    @Test
    void shouldCutRangesOfAboutTheSameRows_atEvenSampleIntervals() {
        // 1,000 sampled keys for 100,000 rows, ranges of 25,000 rows: 4 ranges, 3 bounds
        assertThat(KeyRanges.bounds(sample(1_000), 100_000, 25_000)).containsExactly("k0250", "k0500", "k0750");
        assertThat(KeyRanges.bounds(sample(1_000), 100_001, 25_000)).hasSize(4);
        assertThat(KeyRanges.bounds(sample(1_000), 10, 25_000)).isEmpty();
        assertThat(KeyRanges.bounds(List.of(), 100_000, 10)).isEmpty();
    }

    @Test
    void shouldNeverRepeatABound_whenTheSampleIsCoarserThanTheRanges() {
        List<String> bounds = KeyRanges.bounds(sample(3), 1_000, 10);

        assertThat(bounds).doesNotHaveDuplicates().isSorted().containsExactly("k0000", "k0001", "k0002");
    }

    @Test
    void shouldProbeKeysSpreadOverTheSample() {
        assertThat(KeyRanges.probe(sample(100), 4)).containsExactly("k0000", "k0025", "k0050", "k0075");
        assertThat(KeyRanges.probe(sample(2), 1_000)).containsExactly("k0000", "k0001");
    }

    @Test
    void shouldTellWhetherAKeyIsInAnyRange_lowerExclusiveUpperInclusive() {
        var in = KeyRanges.inAny(List.of(new String[] {null, "b"}, new String[] {"m", "p"}, new String[] {"x", null}));

        assertThat(List.of("a", "b", "c", "m", "n", "p", "q", "x", "y").stream().filter(k -> in.test(Keys.of(k))))
                .containsExactly("a", "b", "n", "p", "y");
    }
}
