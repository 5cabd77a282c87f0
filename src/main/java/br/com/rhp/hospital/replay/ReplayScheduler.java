package br.com.rhp.hospital.replay;

import br.com.rhp.hospital.database.DatabaseRecovered;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts the replay: on the {@code CRONTAB} schedule (in {@code REPLAY_TIME_ZONE}, America/Recife by
 * default) and, when {@code REPLAY_ON_RECOVERY} is on, soon after the database comes back.
 *
 * <p>The schedule is kept against the injected clock and checked every second ({@link #tick}), so a
 * test drives it by moving a clock instead of waiting. An invalid expression stops start-up.
 */
@Component
class ReplayScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReplayScheduler.class);

    /** {@code CRONTAB=off}: no scheduled runs (recovery and manual runs only). */
    static final String OFF = "off";

    private final Replayer replayer;
    private final CronSchedule schedule;
    private final boolean onRecovery;
    private final Clock clock;
    private final TaskExecutor executor;
    private volatile Instant next;

    ReplayScheduler(
            Replayer replayer,
            Clock clock,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor,
            @Value("${CRONTAB:*/15 * * * *}") String crontab,
            @Value("${REPLAY_TIME_ZONE:America/Recife}") String zone,
            @Value("${REPLAY_ON_RECOVERY:true}") boolean onRecovery) {
        this.replayer = replayer;
        this.clock = clock;
        this.executor = executor;
        this.schedule = OFF.equalsIgnoreCase(crontab.strip()) ? null : CronSchedule.parse(crontab, ZoneId.of(zone));
        this.onRecovery = onRecovery;
        this.next = schedule == null ? null : schedule.nextAfter(clock.instant());
        if (schedule == null) {
            log.info("Scheduled replay off (CRONTAB=off); replay on database recovery {}", onRecovery ? "on" : "off");
        } else {
            log.info(
                    "Replay scheduled by CRONTAB '{}' ({}), next at {}; replay on database recovery {}",
                    schedule.expression(),
                    schedule.zone(),
                    next,
                    onRecovery ? "on" : "off");
        }
    }

    /** Runs the replay if the schedule's time has come; checked every second. */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void tick() {
        Instant now = clock.instant();
        Instant due = next;
        if (due == null || now.isBefore(due)) {
            return;
        }
        next = schedule.nextAfter(now);
        replayer.run("cron");
    }

    @EventListener
    void databaseRecovered(DatabaseRecovered event) {
        if (onRecovery) {
            executor.execute(() -> replayer.run("recuperacao"));
        }
    }

    /** When the schedule fires next. */
    Instant next() {
        return next;
    }
}
