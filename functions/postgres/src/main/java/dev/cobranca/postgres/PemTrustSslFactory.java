package dev.cobranca.postgres;

import java.security.GeneralSecurityException;
import java.util.Properties;
import org.postgresql.ssl.WrappedFactory;

/**
 * pgjdbc's {@code sslfactory}: TLS trusting only the CA bundle named by {@code sslfactoryarg} (a file or
 * {@code classpath:} resource, so the bundle can travel inside the function's jar). pgjdbc still checks the host
 * name against the certificate under sslmode verify-full.
 */
public final class PemTrustSslFactory extends WrappedFactory {

    public PemTrustSslFactory(Properties info) throws GeneralSecurityException {
        String source = info.getProperty("sslfactoryarg");
        if (source == null || source.isBlank()) {
            throw new GeneralSecurityException("sslfactoryarg must name the CA bundle");
        }
        factory = TrustBundle.context(source).getSocketFactory();
    }
}
