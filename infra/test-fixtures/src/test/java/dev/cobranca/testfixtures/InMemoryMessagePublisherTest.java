package dev.cobranca.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.MessageCodec;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InMemoryMessagePublisherTest {

    private final InMemoryMessagePublisher queue = new InMemoryMessagePublisher();

    @Test
    void shouldKeepEveryBody_inOrder_andDecodeThem() {
        UUID upload = UUID.randomUUID();
        queue.publish(List.of(MessageCodec.encode(new EmailRequested(upload, List.of("a")))));
        queue.publish(List.of(MessageCodec.encode(new EmailRequested(upload, List.of("b", "c")))));

        assertThat(queue.messages(EmailRequested.class)).containsExactly(
                new EmailRequested(upload, List.of("a")), new EmailRequested(upload, List.of("b", "c")));
    }

    @Test
    void aFailedPublish_shouldThrow_andKeepNoneOfItsBodies() {
        queue.failNext();

        assertThatThrownBy(() -> queue.publish(List.of("x", "y"))).isInstanceOf(IllegalStateException.class);
        queue.publish(List.of("z"));

        assertThat(queue.bodies()).containsExactly("z");
    }
}
