package dev.cobranca.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.upload.UploadStatus;
import dev.cobranca.repair.RepairStore.Stage;
import dev.cobranca.repair.RepairStore.StaleCharge;
import dev.cobranca.repair.adapter.PostgresRepairStore;
import dev.cobranca.testfixtures.FreshDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the repair reads from and writes to PostgreSQL, on a real database with the project's migrations. */
class PostgresRepairStoreIT {

    private static final Duration STALE = Duration.ofMinutes(15);

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();
    private PostgresRepairStore store;

    @BeforeEach
    void setUp() {
        store = new PostgresRepairStore(db.dataSource());
    }

    @Test
    void shouldRestartImports_whoseLeaseExpired_andUploadsStillWaiting_butNotALiveImport() throws SQLException {
        UUID expired = upload("IMPORTING", "lease_owner = 'dead', lease_expires_at = now() - interval '1 minute'");
        UUID released = upload("IMPORTING", "lease_owner = null, lease_expires_at = null");
        upload("IMPORTING", "lease_owner = 'alive', lease_expires_at = now() + interval '1 minute'");
        UUID oldWaiting = upload("WAITING", "created_at = now() - interval '1 hour'");
        upload("WAITING", "created_at = now()");
        upload("IMPORTED", "created_at = now() - interval '1 hour'");
        UUID givenUp = upload("IMPORTING", "lease_owner = null, lease_expires_at = null");
        db.sql().execute("insert into upload_repairs (upload_id, imports_restarted, checked_at) values ('" + givenUp + "', 12, now())");

        assertThat(store.importsToRestart(STALE, 10)).extracting(RepairStore.UploadToImport::uploadId,
                RepairStore.UploadToImport::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(expired, UploadStatus.IMPORTING),
                org.assertj.core.groups.Tuple.tuple(released, UploadStatus.IMPORTING),
                org.assertj.core.groups.Tuple.tuple(oldWaiting, UploadStatus.WAITING));
    }

    @Test
    void shouldFindStaleCharges_withNoWorkPending() throws SQLException {
        UUID u = upload("IMPORTED", "");
        charge(u, "old-created", "CREATED", "created_at = now() - interval '1 hour'");
        charge(u, "new-created", "CREATED", "");
        charge(u, "requeued-lately", "CREATED", "created_at = now() - interval '1 hour', repair_enqueued_at = now() - interval '1 minute'");
        charge(u, "requeued-long-ago", "CREATED", "created_at = now() - interval '2 hours', repair_enqueued_at = now() - interval '1 hour'");
        charge(u, "old-invoiced", "INVOICED", "invoiced_at = now() - interval '1 hour'");
        charge(u, "being-sent", "INVOICED", "invoiced_at = now() - interval '1 hour', email_claim_token = gen_random_uuid(),"
                + " email_claim_until = now() + interval '1 minute'");
        charge(u, "claim-expired", "INVOICED", "invoiced_at = now() - interval '1 hour', email_claim_token = gen_random_uuid(),"
                + " email_claim_until = now() - interval '1 minute'");
        UUID importing = upload("IMPORTING", "");
        charge(importing, "outbox-owns-it", "CREATED", "created_at = now() - interval '1 hour'");

        assertThat(store.staleCharges(Stage.INVOICE, List.of(u, importing), STALE, 100)).extracting(StaleCharge::debtId)
                .containsExactly("old-created", "requeued-long-ago");
        assertThat(store.staleCharges(Stage.EMAIL, List.of(u), STALE, 100)).extracting(StaleCharge::debtId)
                .containsExactly("claim-expired", "old-invoiced");
        assertThat(store.staleCharges(Stage.INVOICE, List.of(u), STALE, 1)).hasSize(1);

        store.markRequeued(List.of("old-created"));
        assertThat(store.staleCharges(Stage.INVOICE, List.of(u), STALE, 100)).extracting(StaleCharge::debtId)
                .containsExactly("requeued-long-ago");
        assertThat(store.waiting(STALE)).containsEntry(u, new RepairStore.Waiting(3, 3))
                .containsEntry(importing, new RepairStore.Waiting(1, 0));
    }

    @Test
    void shouldLeaveUnconfirmedTitlesToTheBank_whenEmailsWaitForIt() throws SQLException {
        UUID u = upload("IMPORTED", "");
        charge(u, "confirmed", "INVOICED", "invoiced_at = now() - interval '1 hour', bank_status = 'CONFIRMED'");
        charge(u, "sent-to-bank", "INVOICED", "invoiced_at = now() - interval '1 hour', bank_status = 'SENT'");
        charge(u, "not-sent", "INVOICED", "invoiced_at = now() - interval '1 hour'");
        PostgresRepairStore afterBank = new PostgresRepairStore(db.dataSource(), dev.cobranca.core.charge.EmailAfter.BANK_CONFIRMED);

        assertThat(afterBank.staleCharges(Stage.EMAIL, List.of(u), STALE, 100)).extracting(StaleCharge::debtId)
                .as("EMAIL_AFTER=BANK_CONFIRMED: an unconfirmed boleto must not be mailed").containsExactly("confirmed");
        assertThat(store.staleCharges(Stage.EMAIL, List.of(u), STALE, 100)).extracting(StaleCharge::debtId)
                .as("EMAIL_AFTER=INVOICED").containsExactly("confirmed", "not-sent", "sent-to-bank");
    }

    @Test
    void shouldCompleteAnImportedUpload_whoseLastChargeMovedWithoutCompletingIt() throws SQLException {
        UUID done = upload("IMPORTED", "");
        charge(done, "a", "EMAILED", "");
        charge(done, "b", "PAID", "");
        charge(done, "c", "FAILED", "last_error = 'smtp: 550 user unknown'");
        UUID busy = upload("IMPORTED", "");
        charge(busy, "d", "INVOICED", "");

        assertThat(store.completeDoneUploads()).isEqualTo(1);

        assertThat(db.sql().string("select status from uploads where id = '" + done + "'")).isEqualTo("COMPLETED");
        assertThat(db.sql().string("select status from uploads where id = '" + busy + "'")).isEqualTo("IMPORTED");
        assertThat(store.failedByReason(Duration.ofDays(7))).containsExactly(Map.entry("smtp: 550 user unknown", 1L));
    }

    @Test
    void shouldRecordTheRun_andTellProgressFromOneRunToTheNext() throws SQLException {
        UUID u = upload("IMPORTED", "");
        charge(u, "a", "CREATED", "");
        charge(u, "b", "EMAILED", "");
        RepairStore.Progress first = store.progress().get(u);
        assertThat(first.previous()).isNull();
        assertThat(first.idle(Stage.INVOICE)).isTrue();

        RepairReport report = new RepairReport(Instant.now(), 0, 0, 0, 0, 1, 0, Map.of("email", 2L), Map.of(), 0, List.of());
        store.record(report, Map.of(u, new RepairStore.UploadFindings(1, 0, 5, 0, first.now())));
        RepairStore.Progress unchanged = store.progress().get(u);
        db.sql().execute("update charges set status = 'INVOICED', invoiced_at = now() where debt_id = 'a'");
        RepairStore.Progress moved = store.progress().get(u);

        assertThat(unchanged.idle(Stage.INVOICE)).isTrue();
        assertThat(unchanged.idle(Stage.EMAIL)).isTrue();
        assertThat(moved.idle(Stage.INVOICE)).as("a boleto was made since the last run").isFalse();
        assertThat(db.sql().string("select dead_lettered->>'email' from repair_runs")).isEqualTo("2");
        assertThat(db.sql().string("select waiting_invoice || '/' || requeued from upload_repairs where upload_id = '" + u + "'"))
                .isEqualTo("1/5");

        store.record(report, Map.of());
        assertThat(db.sql().string("select waiting_invoice || '/' || requeued from upload_repairs where upload_id = '" + u + "'"))
                .as("what waits no more is zeroed; the total requeued stays").isEqualTo("0/5");
    }

    private UUID upload(String status, String set) throws SQLException {
        UUID id = UUID.randomUUID();
        db.sql().execute("insert into uploads (id, bucket, object_key, status) values ('" + id + "', 'b', 'uploads/" + id + ".csv', '"
                + status + "')");
        if (!set.isEmpty()) {
            db.sql().execute("update uploads set " + set + " where id = '" + id + "'");
        }
        return id;
    }

    private void charge(UUID upload, String debtId, String status, String set) throws SQLException {
        db.sql().execute("insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status) values ('"
                + debtId + "', '" + upload + "', 'N', '1', 'n@example.com', 10, date '2030-01-01', '" + status + "')");
        if (!set.isEmpty()) {
            db.sql().execute("update charges set " + set + " where debt_id = '" + debtId + "'");
        }
    }
}
