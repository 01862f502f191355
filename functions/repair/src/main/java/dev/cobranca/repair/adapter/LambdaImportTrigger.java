package dev.cobranca.repair.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cobranca.repair.ImportTrigger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@link ImportTrigger} through Lambda's Invoke API, asynchronously ({@code InvocationType Event}), with the S3 event
 * S3 itself would have sent: the import function gets exactly what it gets from S3, Lambda retries it twice and
 * sends it to the function's dead-letter queue when it keeps failing, as for S3's own deliveries.
 */
public final class LambdaImportTrigger implements ImportTrigger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaClient lambda;
    private final String functionName;
    private final String region;

    public LambdaImportTrigger(LambdaClient lambda, String functionName, String region) {
        this.lambda = lambda;
        this.functionName = functionName;
        this.region = region;
    }

    @Override
    public void deliver(UploadObject object) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(functionName)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(s3Event(object, region))));
        if (response.statusCode() != 202) {
            throw new IllegalStateException("Lambda did not accept the import of " + object.key() + " for "
                    + functionName + ": status " + response.statusCode());
        }
    }

    /** An S3 event notification (event version 2.1), its key URL-encoded as S3 encodes it. */
    static String s3Event(UploadObject object, String region) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", "ObjectCreated:Put");
        record.putObject("userIdentity").put("principalId", "cobranca-repair");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "cobranca-repair");
        ObjectNode bucket = s3.putObject("bucket");
        bucket.put("name", object.bucket());
        bucket.putObject("ownerIdentity").put("principalId", "cobranca-repair");
        bucket.put("arn", "arn:aws:s3:::" + object.bucket());
        ObjectNode o = s3.putObject("object");
        o.put("key", encodeKey(object.key()));
        o.put("size", object.size());
        if (object.etag() != null) {
            o.put("eTag", object.etag());
        }
        o.put("sequencer", Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT));
        ObjectNode root = JSON.createObjectNode();
        root.putArray("Records").add(record);
        return root.toString();
    }

    /** S3 form-encodes each segment of the key (a space is '+') and keeps '/'. */
    private static String encodeKey(String key) {
        StringBuilder sb = new StringBuilder();
        String[] parts = key.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
