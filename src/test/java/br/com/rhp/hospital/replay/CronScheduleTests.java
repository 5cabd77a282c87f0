package br.com.rhp.hospital.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronScheduleTests {

    private static final ZoneId RECIFE = ZoneId.of("America/Recife");

    @Test
    void readsAFiveFieldCrontabInRecifeTime() {
        CronSchedule schedule = CronSchedule.parse("35 21 * * *", RECIFE);
        // 2026-11-27 12:00 in Recife is 15:00 UTC; 21:35 in Recife is 00:35 UTC of the next day
        assertThat(schedule.nextAfter(Instant.parse("2026-11-27T15:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-28T00:35:00Z"));
    }

    @Test
    void matchesEitherDayFieldLikeUnixCron() {
        // 13:00 on the 13th of the month OR on Fridays: 2026-11-27 is a Friday
        CronSchedule schedule = CronSchedule.parse("0 13 13 * 5", ZoneId.of("UTC"));
        assertThat(schedule.nextAfter(Instant.parse("2026-11-26T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-11-27T13:00:00Z"));
        assertThat(schedule.nextAfter(Instant.parse("2026-11-27T14:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-04T13:00:00Z"));
    }

    @Test
    void acceptsSpringsSixFieldForm() {
        CronSchedule schedule = CronSchedule.parse("30 */10 * * * *", ZoneId.of("UTC"));
        assertThat(schedule.nextAfter(Instant.parse("2026-11-27T10:01:00Z")))
                .isEqualTo(Instant.parse("2026-11-27T10:10:30Z"));
    }

    @Test
    void stepsAndRangesWork() {
        CronSchedule schedule = CronSchedule.parse("*/15 1-3 * * *", ZoneId.of("UTC"));
        assertThat(schedule.nextAfter(Instant.parse("2026-11-27T01:16:00Z")))
                .isEqualTo(Instant.parse("2026-11-27T01:30:00Z"));
        assertThat(schedule.nextAfter(Instant.parse("2026-11-27T03:50:00Z")))
                .isEqualTo(Instant.parse("2026-11-28T01:00:00Z"));
    }

    @Test
    void refusesInvalidExpressionsNamingTheKey() {
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", RECIFE)).hasMessageContaining("CRONTAB");
        assertThatThrownBy(() -> CronSchedule.parse("toda noite", RECIFE)).hasMessageContaining("CRONTAB");
        assertThatThrownBy(() -> CronSchedule.parse("", RECIFE)).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("* * * *", RECIFE)).hasMessageContaining("CRONTAB");
    }
}
