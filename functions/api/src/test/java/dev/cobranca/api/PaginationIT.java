package dev.cobranca.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.cobranca.api.adapter.PostgresChargeQuery;
import dev.cobranca.api.adapter.PostgresPaymentStore;
import dev.cobranca.api.adapter.PostgresUploadStore;
import dev.cobranca.emulators.TestDatabase;
import dev.cobranca.postgres.DataSources;
import dev.cobranca.postgres.DatabaseConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keyset pagination under concurrent inserts: every charge that existed when the walk began, once; nothing twice. */
class PaginationIT {

    static TestDatabase db;
    static HikariDataSource pool;
    static ApiHandler handler;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        pool = DataSources.create(new DatabaseConfig(db.jdbcUrl(), null, null, 4), "api-pagination-it");
        ApiConfig config = new ApiConfig("cobranca-it", true, Duration.ofMinutes(15), 1024, Duration.ofMinutes(5), Duration.ofMinutes(5),
                new DatabaseConfig(db.jdbcUrl(), null, null, 4));
        handler = new ApiHandler(new ApiService(config, new PostgresUploadStore(pool), new PostgresChargeQuery(pool),
                new PostgresPaymentStore(pool), new FixedUrlSigner()));
    }

    @AfterAll
    static void stop() {
        try {
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    /** @param filtered walk one upload's charges (the merged per-status index scans) or all charges (the seq index) */
    @ParameterizedTest(name = "filtered by upload: {0}")
    @ValueSource(booleans = {true, false})
    void shouldWalk2500Charges_inPagesOf100_withNoRepeatAndNoGap_whileChargesAreInserted(boolean filtered) throws Exception {
        UUID upload = TestData.upload(pool, "IMPORTED");
        List<String> existing = IntStream.range(0, 2500).mapToObj(i -> upload + "-" + i).toList();
        // statuses interleaved, as the pipeline leaves them: the walk must merge them back into seq order
        String[] statuses = {"CREATED", "INVOICED", "EMAILED", "PAID", "FAILED"};
        for (int from = 0; from < existing.size(); from += 100) {
            TestData.charges(pool, upload, existing.subList(from, from + 100), statuses[(from / 100) % statuses.length]);
        }

        CompletableFuture<Integer> inserter = CompletableFuture.supplyAsync(() -> {
            int inserted = 0;
            try {
                for (int batch = 0; batch < 40; batch++) {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        ids.add(upload + "-new-" + batch + "-" + i);
                    }
                    TestData.charges(pool, upload, ids, statuses[batch % statuses.length]);
                    inserted += ids.size();
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return inserted;
        });

        Map<String, Integer> seen = new LinkedHashMap<>();
        List<Long> pageSizes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", "100");
            if (filtered) {
                query.put("uploadId", upload.toString());
            }
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Responses page = Responses.of(handler.handleRequest(Events.get("/charges", query), null));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().path("items").forEach(item -> seen.merge(item.path("debtId").asText(), 1, Integer::sum));
            pageSizes.add((long) page.json().path("items").size());
            cursor = page.json().path("nextCursor").isNull() ? null : page.text("nextCursor");
            assertThat(++pages).as("the walk ends").isLessThan(200);
        } while (cursor != null);
        int inserted = inserter.get(30, TimeUnit.SECONDS);

        assertThat(seen.values()).as("no charge twice").containsOnly(1);
        Set<String> seenIds = new HashSet<>(seen.keySet());
        assertThat(seenIds).as("no gap: every charge that existed before the walk").containsAll(existing);
        assertThat(pageSizes.subList(0, pageSizes.size() - 1)).as("full pages until the last").containsOnly(100L);
        if (filtered) {
            assertThat(seenIds).allMatch(id -> id.startsWith(upload.toString()));
        }
        assertThat(inserted).isEqualTo(1000);
    }
}
