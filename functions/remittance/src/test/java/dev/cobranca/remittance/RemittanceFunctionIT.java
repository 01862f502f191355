package dev.cobranca.remittance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.zaxxer.hikari.HikariDataSource;
import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.core.bank.CnabLineError;
import dev.cobranca.core.bank.RemittanceEntry;
import dev.cobranca.core.bank.RemittanceFileHeader;
import dev.cobranca.core.bank.RemittanceListener;
import dev.cobranca.core.bank.bb.BancoDoBrasilRemittanceReader;
import dev.cobranca.core.port.ObjectStore;
import dev.cobranca.postgres.DataSources;
import dev.cobranca.remittance.adapter.PostgresRemittanceStore;
import dev.cobranca.testfixtures.EmulatedAws;
import dev.cobranca.testfixtures.FreshDatabase;
import dev.cobranca.testfixtures.LambdaEvents;
import dev.cobranca.testfixtures.SampleBeneficiary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The remittance function built from its environment on a real PostgreSQL and S3Proxy, fed events/remittance through
 * Lambda's serialization; the remessas it writes are read back with the CNAB reader.
 */
class RemittanceFunctionIT {

    private static final String BUCKET = "cobranca-remittance-it";
    private static final UUID UPLOAD = UUID.fromString("3f1c2a9e-7b4d-4e8a-9c61-2d5f0b7a8e14");

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3(BUCKET);

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @BeforeEach
    void freshDatabase() throws SQLException {
        db.sql().execute("insert into uploads (id, bucket, object_key, status) values ('" + UPLOAD + "', '" + BUCKET
                + "', 'uploads/x.csv', 'IMPORTED')");
    }

    static Map<String, String> env(String jdbcUrl) {
        Map<String, String> env = AWS.env();
        env.put("DATABASE_URL", jdbcUrl);
        env.putAll(SampleBeneficiary.env());
        env.put("BANK_FINE_PERCENT", "2.00");
        env.put("BANK_INTEREST_MONTHLY_PERCENT", "1.00");
        return env;
    }

    private static SQSEvent event() {
        return LambdaEvents.load("remittance/sqs-remittance-requested.json", SQSEvent.class);
    }

    /** An invoiced charge with its boleto: nosso número = convênio + 10-digit seq, as the invoice function sets it. */
    private void invoiced(String debtId, String amount, String governmentId, String status) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into charges (debt_id, upload_id, name, government_id, email, amount, due_date, status,
                                     boleto_due_date, invoiced_at)
                values (?, ?, 'Maria da Silva', ?, 'maria@example.com', ?::numeric, date '2026-11-01', ?,
                        date '2026-12-20', now())""")) {
            ps.setString(1, debtId);
            ps.setObject(2, UPLOAD);
            ps.setString(3, governmentId);
            ps.setString(4, amount);
            ps.setString(5, status);
            ps.executeUpdate();
        }
        db.sql().execute("update charges set nosso_numero = '1234567' || lpad(seq::text, 10, '0') where debt_id = '" + debtId + "'");
    }

    private record Read(RemittanceFileHeader header, List<RemittanceEntry> entries, List<CnabLineError> errors) {
    }

    private static Read read(byte[] file) {
        List<RemittanceEntry> entries = new ArrayList<>();
        List<CnabLineError> errors = new ArrayList<>();
        RemittanceFileHeader[] header = new RemittanceFileHeader[1];
        new BancoDoBrasilRemittanceReader().read(new ByteArrayInputStream(file), new RemittanceListener() {
            @Override
            public void onHeader(RemittanceFileHeader h) {
                header[0] = h;
            }

            @Override
            public void onEntry(RemittanceEntry entry) {
                entries.add(entry);
            }

            @Override
            public void onError(CnabLineError error) {
                errors.add(error);
            }
        });
        return new Read(header[0], entries, errors);
    }

    private List<String> remittanceKeys() throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select object_key from remittances order by nsa")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    @Test
    void shouldSendEachInvoicedTitleOnce_inARemessaWhoseRecordsAreCnab240() throws Exception {
        invoiced("debt-1", "100.00", "11144477735", "INVOICED");
        invoiced("debt-2", "250.50", "11222333000181", "EMAILED");
        invoiced("debt-3", "10.00", "11144477735", "CREATED"); // no boleto yet: not sent
        RemittanceHandler handler = new RemittanceHandler(env(db.jdbcUrl()));

        SQSBatchResponse response = handler.handleRequest(event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<String> keys = remittanceKeys();
        assertThat(keys).singleElement().asString().matches("remittances/\\d{4}-\\d{2}-\\d{2}/000001\\.rem");
        byte[] file = AWS.object(keys.getFirst());
        // CNAB 240: every record 240 characters and CRLF; upper-case ASCII
        String text = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String record : text.split("\r\n")) {
            assertThat(record).hasSize(240);
            assertThat(record).isEqualTo(record.toUpperCase(java.util.Locale.ROOT));
        }
        Read read = read(file);
        assertThat(read.errors()).isEmpty();
        assertThat(read.header().nsa()).isEqualTo(1);
        assertThat(read.header().convenio()).isEqualTo("1234567");
        assertThat(read.entries()).extracting(RemittanceEntry::amount).extracting(Object::toString)
                .containsExactly("100.00", "250.50");
        assertThat(read.entries()).extracting(RemittanceEntry::dueDate).allMatch(d -> d.toString().equals("2026-12-20"));
        assertThat(read.entries()).extracting(RemittanceEntry::payerDocumentType).containsExactly(1, 2);
        assertThat(db.sql().string("select string_agg(debt_id || '=' || bank_status, ',' order by debt_id) from charges"))
                .isEqualTo("debt-1=SENT,debt-2=SENT,debt-3=NOT_SENT");
        assertThat(db.sql().string("select status || ' ' || title_count || ' ' || total_amount from remittances")).isEqualTo("WRITTEN 2 350.50");

        // a second run (the schedule) finds nothing new: no second file, no title twice
        handler.handleRequest(event(), null);
        assertThat(remittanceKeys()).hasSize(1);

        // the next invoiced title goes in the next file, with the next NSA
        db.sql().execute("update charges set status = 'INVOICED' where debt_id = 'debt-3'");
        handler.handleRequest(event(), null);
        assertThat(remittanceKeys()).hasSize(2);
        Read second = read(AWS.object(remittanceKeys().get(1)));
        assertThat(second.header().nsa()).isEqualTo(2);
        assertThat(second.entries()).extracting(RemittanceEntry::nossoNumero)
                .containsExactly(db.sql().string("select nosso_numero from charges where debt_id = 'debt-3'"));
    }

    @Test
    void shouldWriteTheSameFileAgain_whenARunDiedBetweenMarkingSentAndStoringIt() throws Exception {
        invoiced("debt-1", "100.00", "11144477735", "INVOICED");
        invoiced("debt-2", "200.00", "11144477735", "INVOICED");
        // the crash: the claim committed (titles SENT, remessa BUILDING), the file never reached the bucket
        var store = new PostgresRemittanceStore(db.dataSource());
        var claimed = store.claim("1234567", 100, LocalDateTime.of(2026, 12, 1, 10, 0, 0), RemittanceService::key);
        assertThat(claimed).isPresent();
        assertThat(AWS.s3Client().listObjectsV2(b -> b.bucket(BUCKET).prefix("remittances/")).contents()).isEmpty();
        invoiced("debt-3", "300.00", "11144477735", "INVOICED");

        new RemittanceHandler(env(db.jdbcUrl())).handleRequest(event(), null);

        // the crashed remessa is written under its own NSA and key, with its own titles; the new title goes in the next
        assertThat(remittanceKeys()).containsExactly("remittances/2026-12-01/000001.rem", remittanceKeys().get(1));
        Read first = read(AWS.object("remittances/2026-12-01/000001.rem"));
        Read second = read(AWS.object(remittanceKeys().get(1)));
        assertThat(first.header().generatedAt()).isEqualTo(LocalDateTime.of(2026, 12, 1, 10, 0, 0));
        assertThat(first.entries()).hasSize(2);
        assertThat(second.entries()).hasSize(1);
        List<String> all = new ArrayList<>();
        first.entries().forEach(e -> all.add(e.nossoNumero()));
        second.entries().forEach(e -> all.add(e.nossoNumero()));
        assertThat(all).doesNotHaveDuplicates().hasSize(3);
        assertThat(db.sql().string("select string_agg(status, ',' order by nsa) from remittances")).isEqualTo("WRITTEN,WRITTEN");

        // writing it again gives the same bytes: the file is a function of the remessa's row and its charges
        byte[] before = AWS.object("remittances/2026-12-01/000001.rem");
        db.sql().execute("update remittances set status = 'BUILDING' where nsa = 1");
        new RemittanceHandler(env(db.jdbcUrl())).handleRequest(event(), null);
        assertThat(AWS.object("remittances/2026-12-01/000001.rem")).isEqualTo(before);
        assertThat(remittanceKeys()).hasSize(2);
    }

    @Test
    void shouldSendNoTitleTwiceNorLoseOne_whenStoringAFileFailsWhileTheNextRemessaIsClaimed() throws Exception {
        for (int i = 1; i <= 3; i++) {
            invoiced("debt-" + i, i + "00.00", "11144477735", "INVOICED");
        }
        Map<String, String> env = env(db.jdbcUrl());
        env.put("REMITTANCE_MAX_TITLES", "1");
        RemittanceConfig config = RemittanceConfig.fromEnv(env);
        S3ObjectStore s3 = new S3ObjectStore(AWS.s3Client(), BUCKET);
        // the bucket refuses the first remessa, as an unreachable S3 would; the second is claimed meanwhile
        ObjectStore refusingTheFirst = new ObjectStore() {
            @Override
            public InputStream open(String key) {
                return s3.open(key);
            }

            @Override
            public Optional<ObjectInfo> head(String key) {
                return s3.head(key);
            }

            @Override
            public void put(String key, byte[] content, String contentType) {
                s3.put(key, content, contentType);
            }

            @Override
            public void put(String key, Path file, String contentType) {
                if (key.endsWith("/000001.rem")) {
                    throw new UncheckedIOException(new IOException("S3 unreachable"));
                }
                s3.put(key, file, contentType);
            }
        };
        try (HikariDataSource pool = DataSources.create(config.database().withPoolSizeAtLeast(3), "remittance-it")) {
            assertThatThrownBy(DependencyFactory.service(config, pool, refusingTheFirst)::run).hasMessageContaining("S3 unreachable");
            // the claim that ran while the first file was being stored committed: both remessas wait to be written
            assertThat(db.sql().string("select string_agg(nsa || ' ' || status, ', ' order by nsa) from remittances"))
                    .isEqualTo("1 BUILDING, 2 BUILDING");
            assertThat(db.sql().number("select count(*) from charges where bank_status = 'SENT'")).isEqualTo(2);

            DependencyFactory.service(config, pool, s3).run();
        }

        // each title in exactly one file; the two left BUILDING written again under their own NSAs, then the third
        assertThat(db.sql().string("select string_agg(nsa || ' ' || status, ', ' order by nsa) from remittances"))
                .isEqualTo("1 WRITTEN, 2 WRITTEN, 3 WRITTEN");
        List<String> sent = new ArrayList<>();
        for (String key : remittanceKeys()) {
            sent.addAll(read(AWS.object(key)).entries().stream().map(RemittanceEntry::nossoNumero).toList());
        }
        assertThat(String.join(",", sent.stream().sorted().toList()))
                .isEqualTo(db.sql().string("select string_agg(nosso_numero, ',' order by nosso_numero) from charges"));
    }

    @Test
    void shouldCarryThePayersAddress_inSegmentQ_andLeaveItBlankWhenTheRowHadNone() throws Exception {
        invoiced("debt-1", "100.00", "11144477735", "INVOICED");
        invoiced("debt-2", "250.50", "11222333000181", "INVOICED");
        // as the import stores the optional CSV columns: whole values, the CEP as 8 digits, the UF upper case
        db.sql().execute("""
                update charges set payer_address = 'Avenida Brigadeiro Faria Lima, 1234, conjunto 56, Jardim Paulistano',
                       payer_district = 'Jardim Paulistano', payer_zip_code = '01451001',
                       payer_city = 'São José dos Campos', payer_state = 'SP' where debt_id = 'debt-1'""");

        new RemittanceHandler(env(db.jdbcUrl())).handleRequest(event(), null);

        String[] records = new String(AWS.object(remittanceKeys().getFirst()), java.nio.charset.StandardCharsets.ISO_8859_1)
                .split("\r\n");
        List<String> segmentsQ = java.util.Arrays.stream(records).filter(r -> r.charAt(13) == 'Q').toList();
        assertThat(segmentsQ).hasSize(2);
        String q = segmentsQ.getFirst();
        // FEBRABAN 240 v10.7, "Registro Detalhe - Segmento Q (obrigatório, remessa)": 11.3Q endereço pos 74-113 (40),
        // 12.3Q bairro 114-128 (15), 13.3Q CEP 129-133 + 14.3Q sufixo 134-136, 15.3Q cidade 137-151 (15), 16.3Q UF
        // 152-153; alphanumeric fields upper case without accents, cut to their width
        assertThat(q.substring(73, 113)).isEqualTo("AVENIDA BRIGADEIRO FARIA LIMA, 1234, CON");
        assertThat(q.substring(113, 128)).isEqualTo("JARDIM PAULISTA");
        assertThat(q.substring(128, 136)).isEqualTo("01451001");
        assertThat(q.substring(136, 151)).isEqualTo("SAO JOSE DOS CA");
        assertThat(q.substring(151, 153)).isEqualTo("SP");
        String blank = segmentsQ.get(1);
        assertThat(blank.substring(73, 128)).as("endereço, bairro").isBlank();
        assertThat(blank.substring(128, 136)).as("CEP").isEqualTo("00000000");
        assertThat(blank.substring(136, 153)).as("cidade, UF").isBlank();
    }


}
