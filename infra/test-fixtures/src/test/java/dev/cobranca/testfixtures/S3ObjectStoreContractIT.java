package dev.cobranca.testfixtures;

import dev.cobranca.aws.S3ObjectStore;
import dev.cobranca.core.port.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract, kept by the adapter the functions run, on S3Proxy: the reference the fake is held to. */
class S3ObjectStoreContractIT extends ObjectStoreContract {

    @RegisterExtension
    static final EmulatedAws AWS = EmulatedAws.s3("cobranca-contract-it");

    @Override
    ObjectStore store() {
        return new S3ObjectStore(AWS.s3Client(), AWS.bucket());
    }

    @AfterEach
    void emptyTheBucket() {
        AWS.s3Client().listObjectsV2Paginator(b -> b.bucket(AWS.bucket())).contents()
                .forEach(o -> AWS.s3Client().deleteObject(b -> b.bucket(AWS.bucket()).key(o.key())));
    }
}
