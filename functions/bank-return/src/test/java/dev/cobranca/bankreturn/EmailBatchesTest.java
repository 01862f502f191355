package dev.cobranca.bankreturn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cobranca.core.message.EmailRequested;
import dev.cobranca.core.message.MessageCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The e-mails of confirmed titles, streamed into messages (EMAIL_AFTER=BANK_CONFIRMED). */
class EmailBatchesTest {

    @Test
    void shouldSendEveryConfirmedTitleOnce_inMessagesOfOneUploadAndAtMostTheLimit() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<List<String>> published = new ArrayList<>();
        EmailBatches batches = new EmailBatches(published::add, 100);
        for (int i = 0; i < 25_050; i++) {
            batches.add(first, "a-" + i);
        }
        for (int i = 0; i < 3; i++) {
            batches.add(second, "b-" + i);
        }
        batches.flush();

        List<EmailRequested> messages = published.stream().flatMap(List::stream)
                .map(body -> MessageCodec.decode(body, EmailRequested.class)).toList();
        assertThat(messages).hasSize(252).allSatisfy(m -> assertThat(m.debtIds()).hasSizeBetween(1, 100));
        assertThat(messages.stream().filter(m -> m.uploadId().equals(first)).mapToInt(m -> m.debtIds().size()).sum()).isEqualTo(25_050);
        assertThat(messages.getLast()).isEqualTo(new EmailRequested(second, List.of("b-0", "b-1", "b-2")));
        assertThat(messages.stream().flatMap(m -> m.debtIds().stream()).distinct().count()).isEqualTo(25_053);
        // published as they fill, never all at the end
        assertThat(published).hasSize(3).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(100));
    }
}
