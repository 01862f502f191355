package dev.cobranca.testfixtures;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** What a person checks in an e-mail received by the SMTP emulator. */
public final class Mails {

    private Mails() {
    }

    /** The bytes of the message's one attachment (the boleto); fails the test when it has none. */
    public static byte[] attachment(MimeMessage message) throws MessagingException, IOException {
        if (message.getContent() instanceof Multipart mixed) {
            for (int i = 0; i < mixed.getCount(); i++) {
                Part part = mixed.getBodyPart(i);
                if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    part.getDataHandler().writeTo(out);
                    return out.toByteArray();
                }
            }
        }
        throw new AssertionError("no attachment in " + message.getMessageID());
    }
}
