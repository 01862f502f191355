package dev.cobranca.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorsIT {

    @TempDir
    Path dir;

    @Test
    void shouldStartAllThree_onDistinctPorts() {
        long t0 = System.nanoTime();
        try (Emulators all = Emulators.start(dir.resolve("s3"))) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("Emulators ready in " + ms + " ms: " + all.s3() + " " + all.sqs() + " " + all.smtp());
            assertThat(all.s3().client().listBuckets().buckets()).isEmpty();
            assertThat(all.sqs().createQueue("q")).contains("/q");
            assertThat(all.smtp().port()).isPositive();
            assertThat(java.util.Set.of(all.s3().port(), all.sqs().port(), all.smtp().port())).hasSize(3);
        }
    }

    @Test
    void shouldReportPortInUse_forFixedPortTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpEmulator.start(taken.getLocalPort()))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }
}
