package dev.cobranca.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** CA certificates in PEM (one or many, concatenated), from a file or a classpath resource: what a TLS client trusts. */
public final class TrustBundle {

    static final String CLASSPATH = "classpath:";

    private TrustBundle() {
    }

    /** @throws IllegalStateException naming the setting and how to fix it, when there are no certificates to read */
    public static List<Certificate> load(String source) {
        try (InputStream in = open(source)) {
            if (in == null) {
                throw missing(source, "it does not exist");
            }
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw missing(source, "it holds no PEM certificate");
            }
            return new ArrayList<>(certs);
        } catch (IOException | GeneralSecurityException e) {
            throw missing(source, e.getMessage());
        }
    }

    /** A TLS context that trusts exactly the bundle's certificates. */
    public static SSLContext context(String source) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : load(source)) {
            store.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static InputStream open(String source) throws IOException {
        if (source.startsWith(CLASSPATH)) {
            String resource = source.substring(CLASSPATH.length());
            return TrustBundle.class.getClassLoader().getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource);
        }
        Path file = Path.of(source);
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    }

    private static IllegalStateException missing(String source, String why) {
        return new IllegalStateException("DATABASE_SSL_ROOT_CERT " + source + " cannot be read (" + why + "): a verify-ca or"
                + " verify-full DATABASE_SSL_MODE needs the CA certificates that signed the server's. For RDS, run"
                + " scripts/fetch-rds-ca-bundle.sh before building (it packages the RDS CA bundle), or point"
                + " DATABASE_SSL_ROOT_CERT at a PEM file; 'system' trusts the JDK's CAs (RDS Proxy).");
    }
}
