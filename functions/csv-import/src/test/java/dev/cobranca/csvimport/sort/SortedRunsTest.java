package dev.cobranca.csvimport.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external sort: rows back in key order, each key once with its first line, before and after compaction. */
class SortedRunsTest {

    @TempDir
    Path dir;

    @Test
    void shouldMergeRunsDownToTheFanIn_keepingEveryKeyOnceWithItsFirstLine() throws Exception {
        SortedRuns runs = new SortedRuns(dir, 2_048, 8); // a run every ~70 rows
        TreeMap<String, Long> expected = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(7);
        SortedRuns.Builder builder = runs.builder();
        for (long line = 2; line < 5_002; line++) {
            String key = "k" + random.nextInt(4_000); // repeats: later lines are duplicates
            expected.putIfAbsent(key, line);
            builder.add(Keys.of(key), line, ("row " + line).getBytes(StandardCharsets.UTF_8));
        }
        builder.finish();
        assertThat(runs.runCount()).isGreaterThan(40);

        runs.compact(4);

        assertThat(runs.runCount()).isLessThanOrEqualTo(4);
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(runs.runCount());
        }
        assertThat(read(runs.open(null, null))).isEqualTo(new ArrayList<>(expected.entrySet().stream()
                .map(e -> e.getKey() + "@" + e.getValue() + "=row " + e.getValue()).toList()));
        String lower = expected.keySet().stream().skip(1_000).findFirst().orElseThrow();
        String upper = expected.keySet().stream().skip(2_000).findFirst().orElseThrow();
        assertThat(read(runs.open(Keys.of(lower), Keys.of(upper)))).hasSize(1_000)
                .first().asString().startsWith(expected.higherKey(lower) + "@");
        assertThat(runs.sampleKeys()).isSortedAccordingTo(Keys::compare).hasSizeGreaterThan(expected.size() / 8 - 8);
    }

    private static List<String> read(RowCursor cursor) {
        List<String> rows = new ArrayList<>();
        try (cursor) {
            while (cursor.next()) {
                rows.add(Keys.text(cursor.key()) + "@" + cursor.line() + "=" + new String(cursor.payload(), StandardCharsets.UTF_8));
            }
        }
        return rows;
    }
}
