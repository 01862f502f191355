package dev.cobranca.email;

import java.util.Objects;

/**
 * One e-mail to send: plain text and HTML alternatives of the same message and one PDF attachment.
 *
 * @param referenceId what the e-mail is about (the debtId): the {@code Message-ID} is derived from it, so a
 *                    duplicate of the same e-mail is recognisable as one
 */
public record Email(
        String to,
        String toName,
        String subject,
        String text,
        String html,
        String attachmentName,
        byte[] attachment,
        String referenceId) {

    public Email {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(attachmentName, "attachmentName");
        Objects.requireNonNull(attachment, "attachment");
        Objects.requireNonNull(referenceId, "referenceId");
    }

    @Override
    public String toString() {
        return "Email[to=" + dev.cobranca.core.log.Masking.email(to) + ", subject=" + subject + ", attachment="
                + attachmentName + " (" + attachment.length + " bytes), referenceId=" + referenceId + "]";
    }
}
