package dev.cobranca.csvimport.adapter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The invoice_outbox rows of one key range, built while its charges stream by: groups of at most
 * {@code perMessage} debtIds as COPY text rows {@code upload_id, range_no, debt_ids} (a text[] literal).
 */
final class OutboxRows {

    private final byte[] head;
    private final int perMessage;
    private byte[] rows = new byte[1 << 16];
    private int length;
    private int inGroup;
    private final List<List<String>> groups = new ArrayList<>();
    private List<String> group;

    OutboxRows(UUID uploadId, int rangeNo, int perMessage) {
        this.head = (uploadId + "\t" + rangeNo + "\t{").getBytes(StandardCharsets.US_ASCII);
        this.perMessage = perMessage;
    }

    void add(byte[] debtId) {
        room(head.length + 4 * debtId.length + 4);
        if (inGroup == 0) {
            System.arraycopy(head, 0, rows, length, head.length);
            length += head.length;
            group = new ArrayList<>(perMessage);
            groups.add(group);
        } else {
            rows[length++] = ',';
        }
        rows[length++] = '"';
        for (byte b : debtId) {
            // array-literal escapes (a backslash before \ and "), then COPY's own on top of them
            switch (b) {
                case '\\' -> put('\\', '\\', '\\', '\\');
                case '"' -> put('\\', '\\', '"');
                case '\t' -> put('\\', 't');
                case '\n' -> put('\\', 'n');
                case '\r' -> put('\\', 'r');
                default -> rows[length++] = b;
            }
        }
        rows[length++] = '"';
        group.add(new String(debtId, StandardCharsets.UTF_8));
        if (++inGroup == perMessage) {
            endGroup();
        }
    }

    /** The debtIds of each row, in row order. */
    List<List<String>> groups() {
        return groups;
    }

    void writeTo(OutputStream out) throws IOException {
        if (inGroup > 0) {
            endGroup();
        }
        out.write(rows, 0, length);
    }

    private void endGroup() {
        room(2);
        rows[length++] = '}';
        rows[length++] = '\n';
        inGroup = 0;
    }

    private void put(char... chars) {
        for (char c : chars) {
            rows[length++] = (byte) c;
        }
    }

    private void room(int more) {
        if (length + more > rows.length) {
            rows = Arrays.copyOf(rows, Math.max(rows.length * 2, length + more));
        }
    }
}
