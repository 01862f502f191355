package dev.cobranca.local;

import dev.cobranca.local.runtime.LambdaFunction;
import dev.cobranca.local.template.Intrinsics;
import dev.cobranca.local.template.Template;
import dev.cobranca.local.template.TemplateException;
import dev.cobranca.local.wiring.ScheduleExpression;
import dev.cobranca.local.wiring.ScheduledEvents;
import dev.cobranca.local.wiring.ScheduledMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template's EventBridge schedules, fired here as EventBridge fires them on AWS: a function's Schedule events
 * invoke it, and AWS::Events::Rule targets that are queues get the rule's Input.
 */
final class TemplateSchedules {

    private final Template template;
    private final TemplateResources resources;
    private final Map<String, LambdaFunction> functions;
    private final Map<String, Duration> periods;

    /** @param periods per function logical id, a period replacing its schedules' expressions */
    TemplateSchedules(Template template, TemplateResources resources, Map<String, LambdaFunction> functions,
                      Map<String, Duration> periods) {
        this.template = template;
        this.resources = resources;
        this.functions = functions;
        this.periods = periods;
    }

    /** Starts firing; what it starts goes to {@code toClose} first. */
    void start(SqsClient sqs, Consumer<AutoCloseable> toClose) {
        ScheduledEvents scheduled = new ScheduledEvents(Stack.REGION, "000000000000");
        toClose.accept(scheduled);
        for (String id : periods.keySet()) {
            if (template.functions().stream().noneMatch(f -> f.logicalId().equals(id) && !f.schedules().isEmpty())) {
                throw new TemplateException(id + " has no Schedule event in the template: cannot change its period");
            }
        }
        Intrinsics intrinsics = resources.intrinsics();
        for (Template.Function f : template.functions()) {
            LambdaFunction function = functions.get(f.logicalId());
            if (function == null) {
                continue;
            }
            for (Template.ScheduleTrigger t : f.schedules()) {
                if (!t.enabled()) {
                    continue;
                }
                String where = f.logicalId() + ".Events." + t.name();
                Duration period = periods.get(f.logicalId());
                ScheduleExpression expression = period != null ? ScheduleExpression.every(period)
                        : ScheduleExpression.parse(intrinsics.string(t.expression(), where + ".Schedule"));
                Object input = t.input() == null ? null : intrinsics.resolve(t.input(), where + ".Input");
                // SAM names the rule <stack>-<function><event>-<suffix>
                String rule = Stack.STACK_NAME + "-" + f.logicalId() + t.name();
                scheduled.subscribe(new ScheduledEvents.Subscription(rule, expression,
                        input == null ? null : input instanceof String s ? s : TemplateResources.json(input), function));
            }
        }
        scheduled.start();
        ScheduledMessages messages = new ScheduledMessages(sqs);
        toClose.accept(messages);
        queueRules(messages);
        messages.start();
    }

    /** Schedule rules whose target is a queue (the remessa runs): their Input sent to the queue at each firing. */
    @SuppressWarnings("unchecked")
    private void queueRules(ScheduledMessages messages) {
        Intrinsics intrinsics = resources.intrinsics();
        for (Map.Entry<String, Object> e : template.resources().entrySet()) {
            if (!"AWS::Events::Rule".equals(template.resourceType(e.getKey()))) {
                continue;
            }
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) e.getValue()).get("Properties");
            if (props == null || props.get("ScheduleExpression") == null || !(props.get("Targets") instanceof List<?> targets)) {
                continue;
            }
            String where = e.getKey() + ".Properties";
            ScheduleExpression expression = ScheduleExpression.parse(intrinsics.string(props.get("ScheduleExpression"), where + ".ScheduleExpression"));
            for (Object t : targets) {
                Map<String, Object> target = (Map<String, Object>) t;
                if (target.get("Arn") instanceof Map<?, ?> arn && arn.get("Fn::GetAtt") instanceof List<?> att
                        && "AWS::SQS::Queue".equals(template.resourceType(String.valueOf(att.get(0)))) && target.get("Input") != null) {
                    messages.add(new ScheduledMessages.Rule(e.getKey(), expression,
                            resources.queue(String.valueOf(att.get(0))).url(), intrinsics.string(target.get("Input"), where + ".Targets.Input")));
                }
            }
        }
    }
}
