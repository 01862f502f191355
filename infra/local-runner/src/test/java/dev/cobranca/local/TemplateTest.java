package dev.cobranca.local;

import dev.cobranca.samtemplate.CfnYaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.local.template.Intrinsics;
import dev.cobranca.local.template.Template;
import dev.cobranca.local.template.TemplateException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Path PROJECT_TEMPLATE = Path.of("../../template.yaml");

    private static final Intrinsics.Resources FAKE = new Intrinsics.Resources() {
        @Override
        public String ref(String logicalId) {
            return logicalId.endsWith("Queue") ? "http://127.0.0.1:9324/000000000000/" + logicalId : null;
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return attribute.equals("Arn") ? "arn:aws:sqs:us-east-1:000000000000:" + logicalId : null;
        }
    };

    @Test
    void shouldReadTheProjectTemplate_functionsEventsAndQueues() {
        Template t = Template.load(PROJECT_TEMPLATE);

        assertThat(t.functions()).extracting(Template.Function::logicalId)
                .contains("ApiFunction", "CsvImportFunction", "InvoiceFunction", "EmailFunction");
        Template.Function importFn = function(t, "CsvImportFunction");
        assertThat(importFn.handlerClass()).isEqualTo("dev.cobranca.csvimport.CsvImportHandler");
        assertThat(importFn.s3Triggers()).singleElement().satisfies(s3 -> {
            assertThat(s3.bucketLogicalId()).isEqualTo("UploadsBucket");
            assertThat(s3.matches("ObjectCreated:Put", "uploads/abc.csv")).isTrue();
            assertThat(s3.matches("ObjectCreated:Put", "reports/abc/rejected.csv")).isFalse();
            assertThat(s3.matches("ObjectRemoved:Delete", "uploads/abc.csv")).isFalse();
        });
        assertThat(function(t, "InvoiceFunction").sqsTriggers()).singleElement().satisfies(sqs -> {
            assertThat(sqs.queueLogicalId()).isEqualTo("InvoiceQueue");
            assertThat(sqs.reportBatchItemFailures()).isTrue();
            assertThat(sqs.batchSize()).isEqualTo(2);
        });
        assertThat(function(t, "ApiFunction").httpRoutes()).extracting(Template.HttpRoute::routeKey)
                .contains("POST /uploads", "GET /uploads/{id}", "GET /charges");
        assertThat(t.queues()).extracting(Template.Queue::logicalId)
                .contains("InvoiceQueue", "InvoiceDeadLetterQueue", "EmailQueue", "EmailDeadLetterQueue");
    }

    @Test
    void shouldResolveEnvironment_withLocalValues() {
        Template t = Template.load(PROJECT_TEMPLATE);
        Intrinsics in = new Intrinsics(t, Intrinsics.localPseudoParameters("cobranca-local", "us-east-1"), Map.of(), FAKE);
        Template.Function importFn = function(t, "CsvImportFunction");

        assertThat(in.string(importFn.environment().get("INVOICE_QUEUE_URL"), "x"))
                .isEqualTo("http://127.0.0.1:9324/000000000000/InvoiceQueue");
        assertThat(in.string(importFn.environment().get("BUCKET_NAME"), "x"))
                .isEqualTo("cobranca-local-000000000000-uploads");
        Object redrive = in.resolve(t.queues().stream().filter(q -> q.logicalId().equals("InvoiceQueue")).findFirst()
                .orElseThrow().properties().get("RedrivePolicy"), "x");
        assertThat(redrive).isEqualTo(Map.of("deadLetterTargetArn", "arn:aws:sqs:us-east-1:000000000000:InvoiceDeadLetterQueue",
                "maxReceiveCount", 5));
    }

    @Test
    void shouldEvaluateShortFormIntrinsics() {
        Template t = Template.of(CfnYaml.load(new StringReader("""
                Parameters:
                  Env: {Type: String, Default: dev}
                  Subnets: {Type: CommaDelimitedList, Default: ""}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  NoVpc: !Equals [!Join ["", !Ref Subnets], ""]
                Resources: {}
                """)));
        Intrinsics in = new Intrinsics(t, Intrinsics.localPseudoParameters("s", "us-east-1"), Map.of(), FAKE);

        assertThat(in.string(Map.of("Fn::Sub", "${AWS::StackName}-${Env}-${!Literal}"), "x")).isEqualTo("s-dev-${Literal}");
        assertThat(in.condition("IsProd", "x")).isFalse();
        assertThat(in.condition("NoVpc", "x")).isTrue();
        assertThat(in.resolve(Map.of("Fn::If", java.util.List.of("IsProd", "a", Map.of("Ref", "AWS::NoValue"))), "x"))
                .isSameAs(Intrinsics.NO_VALUE);
        assertThat(in.string(Map.of("Fn::Select", java.util.List.of(1, Map.of("Fn::Split", java.util.List.of(",", "a,b,c")))), "x"))
                .isEqualTo("b");
        assertThatThrownBy(() -> in.string(Map.of("Ref", "Nope"), "Where"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("Where").hasMessageContaining("Nope");
    }

    @Test
    void shouldReadScheduleEvents_withTheirExpressionAndInput() {
        Template t = Template.of(CfnYaml.load(new StringReader("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Events:
                        Every:
                          Type: Schedule
                          Properties:
                            Schedule: !Sub "rate(${Minutes} minutes)"
                        Nightly:
                          Type: ScheduleV2
                          Properties:
                            ScheduleExpression: cron(0 3 * * ? *)
                            Input: '{"k": 1}'
                        Paused:
                          Type: Schedule
                          Properties:
                            Schedule: rate(1 day)
                            Enabled: false
                """)));

        assertThat(function(t, "Fn").schedules()).extracting(Template.ScheduleTrigger::name, Template.ScheduleTrigger::enabled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Every", true),
                        org.assertj.core.groups.Tuple.tuple("Nightly", true), org.assertj.core.groups.Tuple.tuple("Paused", false));
        assertThat(function(t, "Fn").schedules().get(1).input()).isEqualTo("{\"k\": 1}");
    }

    private static Template.Function function(Template t, String id) {
        return t.functions().stream().filter(f -> f.logicalId().equals(id)).findFirst().orElseThrow();
    }
}
