package dev.cobranca.email.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.email.ChargeStore.ClaimedCharge;
import dev.cobranca.testfixtures.FreshDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The claim on a real PostgreSQL: what makes two deliveries of one message send each e-mail once. */
class PostgresChargeStoreIT {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();
    private PostgresChargeStore store;
    private final UUID uploadId = UUID.randomUUID();
    private final List<String> debtIds = IntStream.rangeClosed(1, 200).mapToObj("debt-%03d"::formatted).toList();

    @BeforeEach
    void invoicedCharges() throws SQLException {
        store = new PostgresChargeStore(db.dataSource());
        db.sql().execute("insert into uploads (id, bucket, object_key, status) values ('" + uploadId + "', 'b', 'uploads/x.csv', 'IMPORTED')");
        db.sql().execute("""
                insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status,
                                     barcode, digitable_line, invoice_key)
                select 'debt-' || lpad(i::text, 3, '0'), '%s', 'Nome ' || i, '11111111111', 'd' || i || '@example.com',
                       10.50, date '2026-12-01', 'INVOICED', repeat('0', 44), repeat('0', 47), 'invoices/debt-' || i || '.pdf'
                  from generate_series(1, 200) i""".formatted(uploadId));
    }



    @Test
    void shouldGiveEachChargeToOneClaimer_whenTwoClaimTheSameChargesAtOnce() throws Exception {
        List<Set<String>> won = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            db.sql().execute("update charges set email_claim_token = null, email_claim_until = null");
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<List<ClaimedCharge>>> claims = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    claims.add(pool.submit(() -> {
                        start.await();
                        return store.claim(debtIds, UUID.randomUUID(), LEASE);
                    }));
                }
                start.countDown();
                Set<String> a = new HashSet<>(claims.get(0).get().stream().map(ClaimedCharge::debtId).toList());
                Set<String> b = new HashSet<>(claims.get(1).get().stream().map(ClaimedCharge::debtId).toList());
                Set<String> both = new HashSet<>(a);
                both.retainAll(b);
                assertThat(both).as("claimed by both").isEmpty();
                Set<String> all = new HashSet<>(a);
                all.addAll(b);
                assertThat(all).hasSize(200);
                won.add(a);
            }
        }
        assertThat(won).isNotEmpty();
    }

    @Test
    void shouldWaitForChargesAnotherTransactionHolds_andClaimThemAll() throws Exception {
        // as the remittance run holds the titles it picks (or a retorno the charges it applies to) while e-mails are claimed
        try (Connection holder = db.dataSource().getConnection(); ExecutorService pool = Executors.newSingleThreadExecutor()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("select 1 from charges where debt_id in ('debt-050', 'debt-150') order by debt_id for update");
                s.execute("update charges set bank_status = 'SENT' where debt_id in ('debt-050', 'debt-150')");
            }
            Future<List<ClaimedCharge>> claim = pool.submit(() -> store.claim(debtIds, UUID.randomUUID(), LEASE));
            Thread.sleep(500);
            assertThat(claim).as("waits for the holder").isNotDone();
            holder.commit();
            assertThat(claim.get()).hasSize(200);
        }
    }

    @Test
    void shouldClaimAgainOnlyAfterTheLeaseExpiresOrIsReleased() throws SQLException {
        UUID first = UUID.randomUUID();
        assertThat(store.claim(debtIds.subList(0, 3), first, LEASE)).hasSize(3);
        assertThat(store.claim(debtIds.subList(0, 3), UUID.randomUUID(), LEASE)).isEmpty();

        store.release(debtIds.subList(0, 1), UUID.randomUUID()); // someone else's token: no effect
        assertThat(store.claim(debtIds.subList(0, 1), UUID.randomUUID(), LEASE)).isEmpty();

        store.release(debtIds.subList(0, 1), first);
        List<ClaimedCharge> again = store.claim(debtIds.subList(0, 1), UUID.randomUUID(), LEASE);
        assertThat(again).extracting(ClaimedCharge::email).containsExactly("d1@example.com");

        db.sql().execute("update charges set email_claim_until = now() - interval '1 second' where debt_id = 'debt-002'");
        assertThat(store.claim(debtIds.subList(0, 3), UUID.randomUUID(), LEASE)).extracting(ClaimedCharge::debtId)
                .containsExactly("debt-002");
        assertThat(db.sql().string("select attempts from charges where debt_id = 'debt-002'")).isEqualTo("2");
    }

    @Test
    void shouldRecordTheEmail_whenTheChargeWasPaidWhileItsEmailWasBeingSent() throws SQLException {
        store.claim(debtIds.subList(0, 2), UUID.randomUUID(), LEASE);
        // the bank's retorno (or the webhook) settles debt-001 between the claim and the SMTP answer
        db.sql().execute("update charges set status = 'PAID', paid_at = now() where debt_id = 'debt-001'");
        store.markEmailed("debt-001");
        store.markEmailed("debt-002");
        assertThat(db.sql().string("select status || ' ' || (emailed_at is not null) || ' ' || (email_claim_token is null)"
                + " from charges where debt_id = 'debt-001'")).isEqualTo("PAID true true");
        assertThat(db.sql().string("select status from charges where debt_id = 'debt-002'")).isEqualTo("EMAILED");
        // a charge paid before any claim was never e-mailed by this function: nothing to record
        db.sql().execute("update charges set status = 'PAID' where debt_id = 'debt-003'");
        store.markEmailed("debt-003");
        assertThat(db.sql().string("select emailed_at is null from charges where debt_id = 'debt-003'")).isEqualTo("t");
    }

    @Test
    void shouldMarkEmailedOnce_andCompleteTheUploadWhenNothingWaits() throws SQLException {
        store.claim(debtIds, UUID.randomUUID(), LEASE);
        for (String id : debtIds.subList(0, 199)) {
            store.markEmailed(id);
        }
        store.markFailed("debt-200", "e-mail refused for d***@example.com: 550 5.1.1 user unknown");
        store.completeUploadsIfDone(Set.of(uploadId));

        assertThat(db.sql().string("select count(*) from charges where status = 'EMAILED' and emailed_at is not null"
                + " and email_claim_until is null")).isEqualTo("199");
        assertThat(db.sql().string("select last_error from charges where debt_id = 'debt-200'")).contains("550");
        assertThat(db.sql().string("select status from uploads where id = '" + uploadId + "'")).isEqualTo("COMPLETED");
        assertThat(store.claim(debtIds, UUID.randomUUID(), LEASE)).isEmpty();
    }
}
