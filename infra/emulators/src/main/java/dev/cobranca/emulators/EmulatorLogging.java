package dev.cobranca.emulators;

/**
 * The emulators log a lot at INFO/DEBUG. With slf4j-simple (the project's one binding) their loggers are
 * set to WARN here unless the user configured them, before any of their classes log.
 */
final class EmulatorLogging {

    private static final String[] NOISY = {
        "org.gaul.s3proxy", "org.gaul.shaded", "org.eclipse.jetty", "org.elasticmq", "org.apache.pekko",
        "com.icegreen.greenmail", "org.flywaydb", "com.zaxxer.hikari", "software.amazon.awssdk"
    };

    private EmulatorLogging() {
    }

    static void quiet() {
        for (String logger : NOISY) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
