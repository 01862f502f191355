package dev.cobranca.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SqsMessagePublisherTest {

    @Test
    void shouldGroupBodiesInTens_whenTheyAreSmall() {
        List<String> bodies = IntStream.range(0, 23).mapToObj(i -> "m" + i).toList();

        List<List<String>> batches = SqsMessagePublisher.batches(bodies);

        assertThat(batches).extracting(List::size).containsExactly(10, 10, 3);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(bodies);
    }

    @Test
    void shouldKeepEachRequestUnder256KiB_whenBodiesAreLarge() {
        // 500 debtIds of 64 characters make a body of about 33 KB: ten of them would be refused as one request
        String large = "x".repeat(33_000);
        List<String> bodies = Collections.nCopies(25, large);

        List<List<String>> batches = SqsMessagePublisher.batches(bodies);

        assertThat(batches).allSatisfy(b -> assertThat(b.size() * 33_000).isLessThanOrEqualTo(SqsMessagePublisher.SQS_BATCH_BYTES));
        assertThat(batches).extracting(List::size).containsExactly(7, 7, 7, 4);
    }

    @Test
    void shouldSendAnOversizedBodyAlone_forSqsToRefuseWithItsOwnError() {
        List<String> bodies = List.of("a", "x".repeat(300_000), "b");

        assertThat(SqsMessagePublisher.batches(bodies)).containsExactly(List.of("a"), List.of("x".repeat(300_000)), List.of("b"));
    }
}
