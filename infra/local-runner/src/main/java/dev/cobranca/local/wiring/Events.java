package dev.cobranca.local.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Event JSON shaped as AWS delivers it (field names, nesting, encodings), from what the emulators report. */
public final class Events {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCER = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private Events() {
    }

    /** An S3 event notification (event version 2.1) for one object. Keys are URL-encoded as S3 does. */
    public static String s3(String eventName, String region, String bucket, String key, long size, String eTag, String configurationId) {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "AWS:LOCAL");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        ObjectNode response = record.putObject("responseElements");
        response.put("x-amz-request-id", HexFormat.of().withUpperCase().toHexDigits(SEQUENCER.incrementAndGet()));
        response.put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        ObjectNode b = s3.putObject("bucket");
        b.put("name", bucket);
        b.putObject("ownerIdentity").put("principalId", "LOCAL");
        b.put("arn", "arn:aws:s3:::" + bucket);
        ObjectNode o = s3.putObject("object");
        o.put("key", encodeKey(key));
        o.put("size", size);
        if (eTag != null) {
            o.put("eTag", eTag);
        }
        o.put("sequencer", HexFormat.of().withUpperCase().toHexDigits(SEQUENCER.incrementAndGet()));
        ObjectNode root = JSON.createObjectNode();
        root.putArray("Records").add(record);
        return root.toString();
    }

    /** S3 URL-encodes keys in notifications (form encoding: a space is '+'), keeping '/'. */
    static String encodeKey(String key) {
        String[] parts = key.split("/", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** An EventBridge {@code Scheduled Event}, as a schedule rule delivers it to its target. */
    public static String scheduled(String region, String account, String ruleArn, Instant time) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "0");
        root.put("id", UUID.randomUUID().toString());
        root.put("detail-type", "Scheduled Event");
        root.put("source", "aws.events");
        root.put("account", account);
        root.put("time", time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        root.put("region", region);
        root.putArray("resources").add(ruleArn);
        root.putObject("detail");
        return root.toString();
    }

    /** The parts of an HTTP request an API Gateway HTTP API (payload 2.0) event carries. */
    public record HttpRequest(String method, String rawPath, String rawQueryString, Map<String, String> headers,
                              List<String> cookies, Map<String, String> queryStringParameters,
                              Map<String, String> pathParameters, String body, boolean base64, String sourceIp,
                              String routeKey, String host) {
    }

    public static String httpApi(HttpRequest request) {
        return httpApiNode(request).toString();
    }

    /**
     * The event as API Gateway sends it after its JWT authorizer accepted the token: the token's claims and scopes
     * under {@code requestContext.authorizer.jwt}.
     */
    public static String httpApi(HttpRequest request, Map<String, String> claims, List<String> scopes) {
        ObjectNode root = httpApiNode(request);
        ObjectNode jwt = ((ObjectNode) root.get("requestContext")).putObject("authorizer").putObject("jwt");
        ObjectNode c = jwt.putObject("claims");
        claims.forEach(c::put);
        ArrayNode s = jwt.putArray("scopes");
        scopes.forEach(s::add);
        return root.toString();
    }

    private static ObjectNode httpApiNode(HttpRequest request) {
        Instant now = Instant.now();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "2.0");
        root.put("routeKey", request.routeKey());
        root.put("rawPath", request.rawPath());
        root.put("rawQueryString", request.rawQueryString() == null ? "" : request.rawQueryString());
        if (!request.cookies().isEmpty()) {
            ArrayNode cookies = root.putArray("cookies");
            request.cookies().forEach(cookies::add);
        }
        ObjectNode headers = root.putObject("headers");
        request.headers().forEach(headers::put);
        if (!request.queryStringParameters().isEmpty()) {
            ObjectNode q = root.putObject("queryStringParameters");
            request.queryStringParameters().forEach(q::put);
        }
        ObjectNode ctx = root.putObject("requestContext");
        ctx.put("accountId", "000000000000");
        ctx.put("apiId", "local");
        ctx.put("domainName", request.host());
        ctx.put("domainPrefix", request.host().split("[.:]")[0]);
        ObjectNode http = ctx.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.headers().getOrDefault("user-agent", ""));
        ctx.put("requestId", UUID.randomUUID().toString());
        ctx.put("routeKey", request.routeKey());
        ctx.put("stage", "$default");
        ctx.put("time", API_TIME.format(now));
        ctx.put("timeEpoch", now.toEpochMilli());
        if (!request.pathParameters().isEmpty()) {
            ObjectNode p = root.putObject("pathParameters");
            request.pathParameters().forEach(p::put);
        }
        if (request.body() != null) {
            root.put("body", request.body());
        }
        root.put("isBase64Encoded", request.base64());
        return root;
    }
}
