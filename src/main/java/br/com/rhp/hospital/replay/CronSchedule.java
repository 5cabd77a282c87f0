package br.com.rhp.hospital.replay;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Function;
import org.springframework.scheduling.support.CronExpression;

/**
 * When the replay runs: a standard 5-field crontab ({@code minute hour day-of-month month day-of-week},
 * Unix meaning — when both day fields are restricted, either matches) or Spring's 6-field form with
 * seconds first. Times are those of {@code zone} (RHP: America/Recife).
 */
final class CronSchedule {

    private final String expression;
    private final ZoneId zone;
    private final Function<ZonedDateTime, ZonedDateTime> next;

    private CronSchedule(String expression, ZoneId zone, Function<ZonedDateTime, ZonedDateTime> next) {
        this.expression = expression;
        this.zone = zone;
        this.next = next;
    }

    /**
     * @throws IllegalArgumentException with a message naming {@code CRONTAB} when the expression is
     *     invalid
     */
    static CronSchedule parse(String expression, ZoneId zone) {
        String cron = expression == null ? "" : expression.strip().replaceAll("\\s+", " ");
        int fields = cron.isEmpty() ? 0 : cron.split(" ").length;
        try {
            if (fields == 5) {
                var parsed = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(cron);
                parsed.validate();
                ExecutionTime execution = ExecutionTime.forCron(parsed);
                return new CronSchedule(
                        cron, zone, t -> execution.nextExecution(t).orElse(null));
            }
            if (fields == 6) {
                CronExpression spring = CronExpression.parse(cron);
                return new CronSchedule(cron, zone, spring::next);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "CRONTAB '" + expression + "' is not a valid cron expression: " + e.getMessage()
                            + ". Use 5 fields (minute hour day month weekday), e.g. '35 21 * * *'",
                    e);
        }
        throw new IllegalArgumentException("CRONTAB '" + expression + "' must have 5 fields (minute hour day month"
                + " weekday), e.g. '35 21 * * *', or Spring's 6 fields with seconds first; it has " + fields);
    }

    /** The first time strictly after {@code after} when the schedule fires; {@code null} if never. */
    Instant nextAfter(Instant after) {
        ZonedDateTime result = next.apply(after.atZone(zone));
        return result == null ? null : result.toInstant();
    }

    String expression() {
        return expression;
    }

    ZoneId zone() {
        return zone;
    }
}
