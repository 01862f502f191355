package dev.cobranca.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written e-mail check accepts exactly what the rule's regular expression accepts. */
class EmailAddressTest {

    /** RFC 5321's dot-atom and LDH labels, each widened by RFC 6531 (3.3) with non-ASCII characters. */
    private static final String ATEXT = "[-\\x{80}-\\x{10FFFF}A-Za-z0-9!#$%&'*+/=?^_`{|}~&&[^\\p{Z}\\p{Cc}]]";
    private static final String LDH = "[-\\x{80}-\\x{10FFFF}A-Za-z0-9&&[^\\p{Z}\\p{Cc}]]";
    private static final String LD = "[\\x{80}-\\x{10FFFF}A-Za-z0-9&&[^\\p{Z}\\p{Cc}]]";
    private static final Pattern RULE = Pattern.compile(ATEXT + "+(\\." + ATEXT + "+)*"
            + "@(" + LD + "(" + LDH + "{0,61}" + LD + ")?\\.)+" + LD + "(" + LDH + "{0,61}" + LD + ")?");

    @ParameterizedTest
    @ValueSource(strings = {"johndoe@kanastra.com.br", "a@b.c", "o'neil+tag@x-y.com", "a.b.c@d.e", "x@1.2",
            "@b.com", "a@", "a@b", "a..b@c.d", ".a@b.c", "a.@b.c", "a@b..c", "a@-b.c", "a@b-.c", "a@b.c-", "a@@b.c",
            "a@b@c.d", "ação@x.com", "joão@example.com.br", "a@ação.br", "a\u00A0b@c.d", "a@b\u2028c.d",
            "a@xn--ao-.com", "a b@c.d", "a@b.c.", "a@.b.c", ""})
    void shouldAgreeWithTheRule_onHandPickedAddresses(String address) {
        assertThat(EmailAddressRule.isEmailAddress(address)).as(address).isEqualTo(RULE.matcher(address).matches());
    }

    @ParameterizedTest
    @ValueSource(strings = {"joão@example.com.br", "joão@exemplo.com.br", "maria@ação.com.br", "用户@例子.广告"})
    void shouldAcceptInternationalisedAddresses_rfc6531(String address) {
        assertThat(EmailAddressRule.isEmailAddress(address)).as(address).isTrue();
    }

    @Test
    void shouldAgreeWithTheRule_onLabelsAroundTheLengthLimit() {
        for (int n = 1; n <= 66; n++) {
            String address = "a@" + "b".repeat(n) + ".com";
            assertThat(EmailAddressRule.isEmailAddress(address)).as(address).isEqualTo(RULE.matcher(address).matches());
        }
    }

    @Test
    void shouldAgreeWithTheRule_onRandomNearAddresses() {
        Random random = new Random(20261127);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            // local@domain.tld from small alphabets that hold every character class the rule tells apart
            String address = pick(random, "a9._+'é ", 3) + (random.nextInt(10) == 0 ? "" : "@")
                    + pick(random, "b9.-@ã", 4) + "." + pick(random, "c-.", 3);
            boolean expected = RULE.matcher(address).matches();
            assertThat(EmailAddressRule.isEmailAddress(address)).as(address).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("the sample holds valid addresses too").isGreaterThan(1_000);
    }

    private static String pick(Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
