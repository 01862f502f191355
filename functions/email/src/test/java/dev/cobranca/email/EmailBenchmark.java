package dev.cobranca.email;

import dev.cobranca.core.boleto.BancoDoBrasilBoletoIssuer;
import dev.cobranca.core.boleto.Beneficiary;
import dev.cobranca.core.boleto.Boleto;
import dev.cobranca.core.boleto.BoletoRequest;
import dev.cobranca.email.ChargeStore.ClaimedCharge;
import dev.cobranca.email.EmailConfig.SmtpConfig;
import dev.cobranca.email.Mailer.MailSession;
import dev.cobranca.email.adapter.SmtpMailer;
import dev.cobranca.emulators.SmtpEmulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * E-mails per second through {@link SmtpMailer} (one connection reused for every e-mail, as the function does per
 * batch) to a local SMTP server (GreenMail, in the same JVM), each e-mail the real thing: Portuguese text and HTML
 * and a real boleto PDF attached. Not a test (it lives in src/test so it is not shipped). Arguments: [count, default
 * 5000] [warm-up, default 1000]. Run it with {@code bench/email/run.sh [count] [warm-up]} from the
 * repository root: it pins the whole JVM, client and server, to one core where taskset exists.
 * Prints the wall-clock rate, the process CPU time (client and server together, so per-core figures are
 * conservative) and the sending thread's own CPU time per e-mail.
 */
public final class EmailBenchmark {

    private EmailBenchmark() {
    }

    private static byte[] samplePdf() {
        try (var in = EmailBenchmark.class.getResourceAsStream("/sample-boleto.pdf")) {
            return in.readAllBytes();
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("sample-boleto.pdf is missing from the test resources", e);
        }
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Beneficiary beneficiary = new Beneficiary("001", "1234", "56789", "1234567", "17", "Cobrança Exemplo Ltda",
                "11222333000181");
        BancoDoBrasilBoletoIssuer issuer = new BancoDoBrasilBoletoIssuer(beneficiary);
        // a real boleto as the invoice function renders it (3.6 KB); functions do not depend on each other
        byte[] pdf = samplePdf();
        Email[] emails = new Email[500];
        long pdfBytes = 0;
        for (int i = 0; i < emails.length; i++) {
            String debtId = UUID.nameUUIDFromBytes(("debt-" + i).getBytes()).toString();
            BigDecimal amount = new BigDecimal(100 + i * 7).movePointLeft(2).add(BigDecimal.valueOf(50));
            LocalDate due = LocalDate.of(2026, 12, 1).plusDays(i % 60);
            Boleto boleto = issuer.issue(new BoletoRequest(debtId, 1000 + i, "José da Conceição " + i, "12345678901", amount, due));
            pdfBytes += pdf.length;
            emails[i] = BoletoEmail.compose(new ClaimedCharge(debtId, UUID.randomUUID(), "José da Conceição " + i,
                    "devedor" + i + "@example.com", amount, due, boleto.digitableLine(), "invoices/" + debtId + ".pdf"), pdf);
        }
        try (SmtpEmulator smtp = SmtpEmulator.start()) {
            SmtpMailer mailer = new SmtpMailer(new SmtpConfig(smtp.host(), smtp.port(), false, null, null,
                    "Cobrança <cobranca@example.com>"));
            send(mailer, emails, warmUp);
            smtp.purge();

            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long thread0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            send(mailer, emails, count);
            long wall = System.nanoTime() - t0;
            long threadCpu = threads.getCurrentThreadCpuTime() - thread0;
            long processCpu = os.getProcessCpuTime() - cpu0;
            if (!smtp.waitForIncomingEmail(30_000, count)) {
                throw new IllegalStateException("the server did not receive " + count + " e-mails");
            }
            System.out.printf("sent %d e-mails (PDF avg %.1f KB) over one SMTP connection in %.2f s: %.0f e-mails/s wall-clock%n",
                    count, pdfBytes / 1024.0 / emails.length, wall / 1e9, count / (wall / 1e9));
            System.out.printf("process CPU (client + GreenMail) %.2f s: %.0f e-mails per CPU-second; sending thread CPU %.3f ms per e-mail (%.0f e-mails per CPU-second, client only); %d processors%n",
                    processCpu / 1e9, count / (processCpu / 1e9), threadCpu / 1e6 / count, count / (threadCpu / 1e9),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static void send(SmtpMailer mailer, Email[] emails, int count) {
        try (MailSession session = mailer.openSession()) {
            for (int i = 0; i < count; i++) {
                session.send(emails[i % emails.length]);
            }
        }
    }
}
