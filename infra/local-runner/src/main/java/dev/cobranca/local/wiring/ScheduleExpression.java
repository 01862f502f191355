package dev.cobranca.local.wiring;

import dev.cobranca.local.template.TemplateException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression, as the rule's {@code ScheduleExpression} takes it: {@code rate(value unit)}
 * (minute(s), hour(s), day(s)) or {@code cron(minutes hours day-of-month month day-of-week year)} in UTC, with
 * {@code * ? , - /} and month/day names. {@code L}, {@code W} and {@code #} are refused (nothing here uses them).
 * Besides, a local period ({@link #every}) lets the runner fire a schedule faster than AWS's one-minute floor.
 */
public sealed interface ScheduleExpression {

    /** The first firing strictly after {@code after}. */
    ZonedDateTime next(ZonedDateTime after);

    static ScheduleExpression parse(String expression) {
        String e = expression.trim();
        Matcher rate = RATE.matcher(e);
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            String unit = rate.group(2).toLowerCase(Locale.ROOT);
            if (value < 1) {
                throw new TemplateException("schedule " + e + ": the rate must be positive");
            }
            if (value == 1 == unit.endsWith("s")) {
                // EventBridge refuses "rate(1 minutes)" and "rate(5 minute)"
                throw new TemplateException("schedule " + e + ": use the singular unit for 1 and the plural otherwise");
            }
            Duration unitLength = switch (unit.replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(1);
                case "hour" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(unitLength.multipliedBy(value));
        }
        Matcher cron = CRON.matcher(e);
        if (cron.matches()) {
            return Cron.parse(cron.group(1), e);
        }
        throw new TemplateException("schedule " + e + ": expected rate(value unit) or cron(6 fields)");
    }

    /** A fixed period, for the runner's override (seconds allowed). */
    static ScheduleExpression every(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a schedule's period must be positive, got " + period);
        }
        return new Rate(period);
    }

    Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minutes?|hours?|days?)\\s*\\)", Pattern.CASE_INSENSITIVE);
    Pattern CRON = Pattern.compile("cron\\((.*)\\)", Pattern.CASE_INSENSITIVE);

    /** {@code rate(...)}: EventBridge counts from the rule's creation; here, from the runner's start. */
    record Rate(Duration period) implements ScheduleExpression {
        @Override
        public ZonedDateTime next(ZonedDateTime after) {
            return after.plus(period);
        }
    }

    /** {@code cron(...)}, evaluated in UTC as EventBridge rules are. */
    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years,
                boolean anyDayOfMonth, boolean anyDayOfWeek) implements ScheduleExpression {

        private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        private static final int LAST_YEAR = 2199;

        static Cron parse(String fields, String expression) {
            String[] f = fields.trim().split("\\s+");
            if (f.length != 6) {
                throw new TemplateException("schedule " + expression + ": cron takes 6 fields (minutes hours "
                        + "day-of-month month day-of-week year), got " + f.length);
            }
            if (!f[2].equals("?") && !f[4].equals("?")) {
                throw new TemplateException("schedule " + expression + ": day-of-month or day-of-week must be ?");
            }
            return new Cron(field(f[0], 0, 59, List.of(), 0, expression), field(f[1], 0, 23, List.of(), 0, expression),
                    field(f[2], 1, 31, List.of(), 0, expression), field(f[3], 1, 12, MONTHS, 1, expression),
                    field(f[4], 1, 7, DAYS, 1, expression), field(f[5], 1970, LAST_YEAR, List.of(), 0, expression),
                    f[2].equals("?") || f[2].equals("*"), f[4].equals("?") || f[4].equals("*"));
        }

        private static BitSet field(String field, int min, int max, List<String> names, int firstName, String expression) {
            BitSet set = new BitSet();
            for (String part : field.split(",")) {
                if (part.matches(".*[LW#].*")) {
                    throw new TemplateException("schedule " + expression + ": L, W and # are not supported locally");
                }
                String range = part;
                int step = 1;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    range = part.substring(0, slash);
                    step = number(part.substring(slash + 1), List.of(), 0, expression);
                }
                int from;
                int to;
                if (range.equals("*") || range.equals("?")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] ends = range.split("-", 2);
                    from = number(ends[0], names, firstName, expression);
                    to = number(ends[1], names, firstName, expression);
                } else {
                    from = number(range, names, firstName, expression);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to || step < 1) {
                    throw new TemplateException("schedule " + expression + ": " + part + " is out of " + min + "-" + max);
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            }
            return set;
        }

        private static int number(String s, List<String> names, int firstName, String expression) {
            int named = names.indexOf(s.toUpperCase(Locale.ROOT));
            if (named >= 0) {
                return named + firstName;
            }
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new TemplateException("schedule " + expression + ": " + s + " is not a number");
            }
        }

        @Override
        public ZonedDateTime next(ZonedDateTime after) {
            ZonedDateTime t = after.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            while (t.getYear() <= LAST_YEAR) {
                if (!years.get(t.getYear())) {
                    t = t.plusYears(1).withDayOfYear(1).truncatedTo(ChronoUnit.DAYS);
                } else if (!months.get(t.getMonthValue())) {
                    t = t.plusMonths(1).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
                } else if (!dayMatches(t)) {
                    t = t.plusDays(1).truncatedTo(ChronoUnit.DAYS);
                } else if (!hours.get(t.getHour())) {
                    t = t.plusHours(1).truncatedTo(ChronoUnit.HOURS);
                } else if (!minutes.get(t.getMinute())) {
                    t = t.plusMinutes(1);
                } else {
                    return t;
                }
            }
            return null;
        }

        private boolean dayMatches(ZonedDateTime t) {
            // EventBridge numbers days of the week 1 (SUN) to 7 (SAT)
            int dow = t.getDayOfWeek().getValue() % 7 + 1;
            return (anyDayOfMonth || daysOfMonth.get(t.getDayOfMonth())) && (anyDayOfWeek || daysOfWeek.get(dow));
        }
    }
}
